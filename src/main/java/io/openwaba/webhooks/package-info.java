/**
 * Outbound webhooks: a WABA's subscription (callback URL checked by the {@code hub.challenge}
 * handshake and against server-side request forgery), the durable event queue other modules
 * write to through {@link io.openwaba.webhooks.WebhookEvents}, signed delivery with retries,
 * dead letters and replay.
 */
@ApplicationModule(allowedDependencies = {"shared", "graph", "tenancy", "messaging", "numbers", "templates", "network"})
package io.openwaba.webhooks;

import org.springframework.modulith.ApplicationModule;
