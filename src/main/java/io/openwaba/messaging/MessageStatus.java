package io.openwaba.messaging;

import java.util.List;

/**
 * The order an outbound message's statuses go in: accepted, sent, delivered, read; failed ends
 * it, and comes too late once the message was read. Plain Java.
 */
final class MessageStatus {

    private static final List<String> ORDER = List.of("accepted", "sent", "delivered", "read");

    private MessageStatus() {
    }

    static boolean advances(String from, String to) {
        if ("failed".equals(from)) {
            return false;
        }
        if ("failed".equals(to)) {
            return !"read".equals(from);
        }
        return ORDER.indexOf(to) > ORDER.indexOf(from);
    }
}
