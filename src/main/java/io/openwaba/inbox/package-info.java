/**
 * The chat center's conversations: one per business number and customer, opened or reopened
 * by the customer's messages ({@code MessageReceived}). {@link io.openwaba.inbox.Conversations}
 * is the module's API.
 */
@ApplicationModule(allowedDependencies = {"shared", "tenancy", "numbers", "messaging", "media", "templates", "console"})
package io.openwaba.inbox;

import org.springframework.modulith.ApplicationModule;
