package io.openwaba.numbers;

import java.time.Instant;

/**
 * What a number's messages show about its customers since a moment: the message side of its
 * quality signals. The messaging module implements it (it knows the messages); numbers reads it.
 */
public interface NumberSignals {

    /**
     * @param reached       unique customers who got a template
     * @param templates     templates sent
     * @param conversations customers who wrote
     * @param slowReplies   customers whose latest message, older than {@code slowSince}, has no answer
     */
    record MessageSignals(int reached, int templates, int conversations, int slowReplies) {
    }

    MessageSignals since(String phoneNumberId, Instant since, Instant slowSince);
}
