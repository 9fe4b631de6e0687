/**
 * Click-to-chat entry points: QR codes and short links ({@code /{phone-number-id}/message_qrdls})
 * that open a chat with a business number with a message already typed, and their images.
 */
@ApplicationModule(allowedDependencies = {"shared", "graph", "numbers"})
package io.openwaba.qr;

import org.springframework.modulith.ApplicationModule;
