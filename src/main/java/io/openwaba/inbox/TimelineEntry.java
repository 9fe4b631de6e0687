package io.openwaba.inbox;

import java.time.Instant;

/** A line of a conversation's history that is not a message: who took it, handed it back, resolved it. */
public record TimelineEntry(long id, ConversationChanged.What what, String actorName, String detail, Instant at) {
}
