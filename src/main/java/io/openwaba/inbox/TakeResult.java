package io.openwaba.inbox;

/** The answer to "take": the conversation is now the caller's, was already, or another operator has it. */
public sealed interface TakeResult {

    record Taken() implements TakeResult {
    }

    record AlreadyYours() implements TakeResult {
    }

    record OwnedByAnother(String ownerId) implements TakeResult {
    }
}
