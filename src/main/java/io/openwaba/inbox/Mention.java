package io.openwaba.inbox;

import java.time.Instant;

/** An operator was mentioned in a private note of a conversation. */
record Mention(long id, String conversationId, String authorName, String note, Instant at, boolean read) {
}
