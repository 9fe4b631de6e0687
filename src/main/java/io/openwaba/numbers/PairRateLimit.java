package io.openwaba.numbers;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Meta's pair rate limit: per business number and customer, a burst of {@code burst} messages,
 * then one per {@code interval} (a token bucket). Kept per node: a sender spread over several
 * nodes gets up to that many times the burst.
 */
final class PairRateLimit {

    private static final int MAX_PAIRS = 200_000;

    private final int burst;
    private final long intervalNanos;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long updatedNanos) {
            this.tokens = tokens;
            this.updatedNanos = updatedNanos;
        }
    }

    PairRateLimit(int burst, Duration interval) {
        this.burst = burst;
        this.intervalNanos = interval.toNanos();
    }

    /** Takes one message from the pair's allowance; false when the pair is over its rate. */
    boolean take(String phoneNumberId, String waId, Instant now) {
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        if (buckets.size() > MAX_PAIRS) {
            buckets.entrySet().removeIf(entry -> refilled(entry.getValue(), nanos) >= burst);
        }
        var bucket = buckets.computeIfAbsent(phoneNumberId + ":" + waId, key -> new Bucket(burst, nanos));
        synchronized (bucket) {
            bucket.tokens = refilled(bucket, nanos);
            bucket.updatedNanos = Math.max(bucket.updatedNanos, nanos);
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }

    /** Whether {@link #take} would allow a message now, taking nothing. */
    boolean wouldTake(String phoneNumberId, String waId, Instant now) {
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        var bucket = buckets.get(phoneNumberId + ":" + waId);
        if (bucket == null) {
            return burst >= 1;
        }
        synchronized (bucket) {
            return refilled(bucket, nanos) >= 1;
        }
    }

    private double refilled(Bucket bucket, long nanos) {
        long elapsed = Math.max(0, nanos - bucket.updatedNanos);
        return Math.min(burst, bucket.tokens + (double) elapsed / intervalNanos);
    }
}
