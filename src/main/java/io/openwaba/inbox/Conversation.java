package io.openwaba.inbox;

import java.time.Instant;

/**
 * A business number's conversation with one customer: where it stands, who owns it
 * ({@code ownerId} is the operator's console user id when {@code ownerKind} is OPERATOR), and its
 * latest customer message; a snoozed one wakes at {@code snoozedUntil}, or at the customer's next
 * message when that is null. {@code teamId}, when set, is the team whose queue it waits in (and
 * whose members receive it automatically).
 */
public record Conversation(String id, String businessId, String phoneNumberId, String waId, String customerName,
                           ConversationStatus status, OwnerKind ownerKind, String ownerId, Instant lastMessageAt,
                           String lastMessageText, int unread, Instant snoozedUntil,
                           String teamId) {

    public boolean ownedBy(String userId) {
        return ownerKind == OwnerKind.OPERATOR && userId.equals(ownerId);
    }

    /** The customer's name when WhatsApp gave one, else the number. */
    public String displayName() {
        return customerName != null ? customerName : "+" + waId;
    }
}
