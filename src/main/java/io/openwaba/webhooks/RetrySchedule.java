package io.openwaba.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed webhook is tried again: exponential backoff from {@code initialDelay}, capped at
 * {@code maxDelay}, spread by ± {@code jitter}; never before the receiver's {@code Retry-After}
 * (itself capped at {@code maxAge}); one last attempt at the end of the event's retry period
 * rather than giving up early; after that, none.
 */
record RetrySchedule(Duration initialDelay, Duration maxDelay, Duration maxAge, double jitter) {

    static RetrySchedule of(WebhookSettings settings) {
        return new RetrySchedule(settings.initialRetryDelay(), settings.maxRetryDelay(), settings.maxAge(),
                settings.jitter());
    }

    /** The next attempt after {@code attempts} failed ones, or empty when the event is a dead letter. */
    Optional<Instant> next(int attempts, Duration retryAfter, Instant now, Instant expiresAt) {
        var next = now.plus(delay(attempts, retryAfter));
        if (next.isAfter(expiresAt) && now.isBefore(expiresAt)) {
            next = expiresAt;
        }
        return next.isAfter(expiresAt) ? Optional.empty() : Optional.of(next);
    }

    /** The wait after {@code attempts} failed attempts; {@code retryAfter} may be null. */
    Duration delay(int attempts, Duration retryAfter) {
        double base = initialDelay.toMillis() * Math.pow(2, Math.min(attempts, 30));
        double capped = Math.min(base, maxDelay.toMillis());
        double spread = 1 + jitter * (ThreadLocalRandom.current().nextDouble() * 2 - 1);
        var delay = Duration.ofMillis((long) (capped * spread));
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            return retryAfter.compareTo(maxAge) > 0 ? maxAge : retryAfter;
        }
        return delay;
    }
}
