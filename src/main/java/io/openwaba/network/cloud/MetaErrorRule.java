package io.openwaba.network.cloud;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What to do when Meta refuses a message, by its HTTP status and WhatsApp error code. Plain Java.
 * Throttling and Meta's own trouble are retried with exponential backoff and jitter (honouring
 * {@code Retry-After}); the pair rate delays that recipient only; a refused token breaks the
 * number's link; everything else is final and becomes a {@code failed} status with Meta's error.
 */
final class MetaErrorRule {

    enum Outcome { RETRY, DELAY_RECIPIENT, BROKEN_LINK, FINAL }

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofMinutes(5);
    /** How long Meta's pair rate makes a recipient wait before the next message. */
    static final Duration PAIR_RATE_DELAY = Duration.ofSeconds(6);

    private MetaErrorRule() {
    }

    static Outcome classify(int httpStatus, Integer code) {
        if (code != null) {
            switch (code) {
                case 130429, 131057, 80007, 1, 2, 4, 131000 -> {
                    return Outcome.RETRY;
                }
                case 131056 -> {
                    return Outcome.DELAY_RECIPIENT;
                }
                case 190, 0, 10, 200 -> {
                    return Outcome.BROKEN_LINK;
                }
                default -> {
                    return httpStatus == 429 ? Outcome.RETRY : Outcome.FINAL;
                }
            }
        }
        return httpStatus == 429 || httpStatus >= 500 ? Outcome.RETRY : Outcome.FINAL;
    }

    /** The wait before retry number {@code attempt} (1 for the first): Retry-After if Meta said, else 1 s doubling, ±20 %. */
    static Duration backoff(int attempt, Optional<Duration> retryAfter) {
        if (retryAfter.isPresent()) {
            return retryAfter.get();
        }
        long base = FIRST_RETRY.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, LONGEST_RETRY.toMillis());
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Duration.ofMillis((long) (capped * jitter));
    }
}
