/**
 * Outbound and inbound messages, their statuses and the customer service window.
 * {@link io.openwaba.messaging.MessageSender} is the one way to send: the Graph API and every
 * tool hand it a {@link io.openwaba.messaging.SendCommand} and get a wamid or a refusal back;
 * {@link io.openwaba.messaging.SendCheck} answers, without sending, whether a number may reach
 * a list of recipients. {@link io.openwaba.messaging.InboundMessages} and
 * {@link io.openwaba.messaging.StatusReports} take what the network reports, and a
 * {@link io.openwaba.messaging.MessageTransport} (the sandbox network, or the cloud relay)
 * carries messages out. Changes are announced as {@link io.openwaba.messaging.MessageAccepted},
 * {@link io.openwaba.messaging.MessageReceived} and {@link io.openwaba.messaging.MessageStatusChanged}.
 */
@ApplicationModule(allowedDependencies = {"shared", "graph", "tenancy", "numbers", "media", "catalog", "templates"})
package io.openwaba.messaging;

import org.springframework.modulith.ApplicationModule;
