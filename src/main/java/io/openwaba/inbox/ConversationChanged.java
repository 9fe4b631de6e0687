package io.openwaba.inbox;

import java.time.Instant;

/** Something happened on a conversation: a message in or out, a status, or a change of owner or status. */
public record ConversationChanged(String conversationId, String businessId, What what, String actorId, Instant at) {

    public enum What {
        MESSAGE_RECEIVED, MESSAGE_SENT, MESSAGE_STATUS, TAKEN, ASSIGNED, REASSIGNED, TEAM_ASSIGNED, HANDED_BACK, HANDED_OFF, SNOOZED, WOKE, NOTE, RESOLVED, REOPENED
    }
}
