package io.openwaba.inbox;

/**
 * What a customer's message does to its conversation, as a value: its status and owner after it,
 * and what the automated responder does. An operator's conversation stays theirs (and opens if
 * it was resolved or snoozed). A new or resolved one goes to the responder when the number has
 * one, which greets the customer; the responder hands it to the queue when the customer asks for
 * a person, and says nothing after that. Plain Java, no I/O.
 */
final class InboundRule {

    enum Automated { NONE, GREET, HAND_OFF }

    record Outcome(ConversationStatus status, OwnerKind owner, Automated automated) {
    }

    private InboundRule() {
    }

    /** {@code before} is null for a customer's first message to the number. */
    static Outcome apply(Conversation before, boolean responderOn, boolean asksForPerson) {
        var status = before == null ? ConversationStatus.PENDING : before.status();
        var owner = before == null ? OwnerKind.QUEUE : before.ownerKind();
        boolean starts = before == null || status == ConversationStatus.RESOLVED;
        boolean wakes = starts || status == ConversationStatus.SNOOZED;
        if (owner == OwnerKind.OPERATOR) {
            return new Outcome(wakes ? ConversationStatus.OPEN : status, owner, Automated.NONE);
        }
        var next = wakes ? ConversationStatus.PENDING : status;
        if (!responderOn) {
            return new Outcome(next, OwnerKind.QUEUE, Automated.NONE);
        }
        if (starts) {
            return asksForPerson ? new Outcome(next, OwnerKind.QUEUE, Automated.HAND_OFF)
                    : new Outcome(next, OwnerKind.BOT, Automated.GREET);
        }
        if (owner == OwnerKind.BOT && asksForPerson) {
            return new Outcome(next, OwnerKind.QUEUE, Automated.HAND_OFF);
        }
        return new Outcome(next, owner, Automated.NONE);
    }
}
