package io.openwaba.bench.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/** Log-linear latency histogram in microseconds, 32 buckets per power of two (about 3 % wide). */
public final class Histogram {
    private static final int LINEAR = 64;
    private static final int SUB = 32;
    private final AtomicLongArray counts = new AtomicLongArray(LINEAR + 58 * SUB);
    private final LongAdder total = new LongAdder();
    private final AtomicLong maxMicros = new AtomicLong(-1);

    Histogram() {
    }

    void record(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        counts.incrementAndGet(index(micros));
        total.increment();
        maxMicros.accumulateAndGet(micros, Math::max);
    }

    /** The value in nanoseconds, or -1 when nothing was recorded. */
    public long percentile(double percent) {
        long count = total.sum();
        if (count == 0) {
            return -1;
        }
        long rank = Math.max(1, (long) Math.ceil(percent / 100 * count));
        long seen = 0;
        for (int i = 0; i < counts.length(); i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return Math.min(midpoint(i), maxMicros.get()) * 1000;
            }
        }
        return max();
    }

    public long max() {
        long max = maxMicros.get();
        return max < 0 ? -1 : max * 1000;
    }

    private static int index(long micros) {
        if (micros < LINEAR) {
            return (int) micros;
        }
        int shift = 63 - Long.numberOfLeadingZeros(micros) - 5;
        return LINEAR + (shift - 1) * SUB + (int) ((micros >>> shift) - SUB);
    }

    private static long midpoint(int index) {
        if (index < LINEAR) {
            return index;
        }
        int shift = (index - LINEAR) / SUB + 1;
        long lower = (long) ((index - LINEAR) % SUB + SUB) << shift;
        return lower + (1L << shift) / 2;
    }
}
