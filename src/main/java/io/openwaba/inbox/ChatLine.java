package io.openwaba.inbox;

import java.time.Instant;
import java.util.List;

/**
 * One line of the conversation view: a message (its text as formatted segments, the details its
 * type carries such as buttons, list rows, products or coordinates, and its status), or a system
 * line from the timeline ({@code what}, {@code actor} and its {@code detail}: a private note's
 * text, or whom the conversation was assigned to).
 */
record ChatLine(String key, boolean fromCustomer, String type, List<io.openwaba.messaging.WhatsAppText.Segment> text, List<String> details,
                String mediaId, String status, Integer errorCode, ConversationChanged.What what, String actor,
                String detail, Instant at) {

    public boolean system() {
        return what != null;
    }

    public boolean isNote() {
        return what == ConversationChanged.What.NOTE;
    }

    /** The tick a sent message shows: one when sent, two when delivered, two blue when read. */
    public String ticks() {
        return switch (status == null ? "" : status) {
            case "sent" -> "✓";
            case "delivered", "read" -> "✓✓";
            case "failed" -> "!";
            case "accepted" -> "🕓";
            default -> "";
        };
    }
}
