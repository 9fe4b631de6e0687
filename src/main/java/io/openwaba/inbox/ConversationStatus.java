package io.openwaba.inbox;

/** Where a conversation stands: PENDING waits for someone to take it. */
public enum ConversationStatus {
    OPEN, PENDING, SNOOZED, RESOLVED
}
