/**
 * Outbound and inbound messages, their statuses and the customer service window.
 * {@link io.openwaba.messaging.Messaging} accepts sends from the Graph API and takes inbound
 * messages and statuses from the network; a {@link io.openwaba.messaging.MessageTransport}
 * (the sandbox network, or the cloud relay) carries messages out.
 */
@ApplicationModule(allowedDependencies = {"shared", "graph", "tenancy", "numbers", "webhooks", "media", "catalog", "templates"})
package io.openwaba.messaging;

import org.springframework.modulith.ApplicationModule;
