package io.openwaba.messaging;

import java.util.List;

/**
 * The order an outbound message's statuses go in: accepted, sent, delivered, read; failed ends
 * it, and comes too late once the message was read. A network that reports out of order (Meta's
 * webhooks may bring delivered before sent) still gives each step once and in order. Plain Java.
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

    /** The statuses a report of {@code to} moves a message through from {@code from}: delivered implies sent. */
    static List<String> steps(String from, String to) {
        if (!advances(from, to)) {
            return List.of();
        }
        if ("failed".equals(to)) {
            return List.of(to);
        }
        return ORDER.subList(Math.max(1, ORDER.indexOf(from) + 1), ORDER.indexOf(to) + 1);
    }
}
