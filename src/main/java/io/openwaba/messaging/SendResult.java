package io.openwaba.messaging;

import io.openwaba.shared.Decision;

/** The answer to a send: accepted with its wamid, or refused by a named rule. */
public sealed interface SendResult {

    /** Stored and on its way; {@code waId} is the recipient as WhatsApp knows them. */
    record Accepted(String wamid, String waId) implements SendResult {
    }

    /** Nothing was stored or sent; the refusal names the rule, the figures and Meta's error. */
    record Refused(Decision.Refused refusal) implements SendResult {
    }
}
