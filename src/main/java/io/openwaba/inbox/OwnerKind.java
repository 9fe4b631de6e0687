package io.openwaba.inbox;

/** Who owns a conversation: an automated responder, the queue (waiting for someone), or one operator. */
public enum OwnerKind {
    BOT, QUEUE, OPERATOR
}
