/**
 * The transports that carry messages between businesses and customers. In sandbox mode
 * ({@code openwaba.network=sandbox}, the default) that is an emulated WhatsApp network inside
 * the process: simulated customers, their chats and acknowledgements, a clock that can be
 * advanced, and the demo business created at first start. In cloud mode
 * ({@code openwaba.network=cloud}) it is the relay to Meta's Cloud API: each number linked to its
 * Meta number, messages posted to Meta, Meta's webhooks received at {@code /webhooks/meta}.
 */
@ApplicationModule(allowedDependencies = {"shared", "tenancy", "numbers", "messaging", "media", "profile", "qr", "catalog", "templates", "notices"})
package io.openwaba.network;

import org.springframework.modulith.ApplicationModule;
