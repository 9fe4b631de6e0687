package io.openwaba.inbox;

import java.time.Instant;

/** A business number's conversation with one customer, as the list shows it. */
public record Conversation(String id, String businessId, String phoneNumberId, String waId, String customerName,
                           ConversationStatus status, Instant lastMessageAt, String lastMessageText, int unread) {
}
