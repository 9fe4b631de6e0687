package io.openwaba.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

import static io.openwaba.bench.SendLoad.LIMIT_CODES;
import static io.openwaba.bench.SendLoad.now;
import static io.openwaba.bench.SendLoad.number;

/** Outcome counters and latencies of one phase; the window is the time requests were started in. */
final class PhaseStats {
    final Histogram latency = new Histogram();
    final LongAdder accepted = new LongAdder();
    final LongAdder shed = new LongAdder();
    final LongAdder connections = new LongAdder();
    final LongAdder staleRetries = new LongAdder();
    final Map<String, LongAdder> rejected = new ConcurrentSkipListMap<>();
    final Map<String, LongAdder> errors = new ConcurrentSkipListMap<>();
    /** Non-2xx answers by the Graph error code in their body ({@code error.code}), "none" without one. */
    final Map<String, LongAdder> refused = new ConcurrentSkipListMap<>();
    volatile long maxLagNanos;
    private volatile long start;
    private volatile long end;
    private long cpuAtStart = -1;
    private long cpuAtEnd = -1;

    long open(long at) {
        cpuAtStart = processCpuNanos();
        start = at;
        return at;
    }

    void close(long at) {
        end = at;
        cpuAtEnd = processCpuNanos();
    }

    /** CPU time of this process (client threads, scheduler and webhook receiver) in the window, or -1. */
    long cpuNanos() {
        return cpuAtStart < 0 || cpuAtEnd < 0 ? -1 : cpuAtEnd - cpuAtStart;
    }

    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    boolean running() {
        return end == 0;
    }

    void lagged(long lagNanos) {
        if (lagNanos > maxLagNanos) {
            maxLagNanos = lagNanos;
        }
    }

    void connections(long opened, long staleRetried) {
        if (opened != 0) {
            connections.add(opened);
        }
        if (staleRetried != 0) {
            staleRetries.add(staleRetried);
        }
    }

    void complete(Response response, Exception error, long start, long end, Driver.OnSuccess onSuccess) {
        if (error != null) {
            count(errors, error.getClass().getSimpleName());
        } else if (response.status() / 100 != 2) {
            count(rejected, String.valueOf(response.status()));
            count(refused, graphErrorCode(response.bodyText()));
        } else if (!onSuccess.accept(response, start, end)) {
            count(rejected, response.status() + " without wamid");
        } else {
            accepted.increment();
            latency.record(end - start);
        }
    }

    long refusals(String code) {
        LongAdder count = refused.get(code);
        return count == null ? 0 : count.sum();
    }

    /** The refusals with other codes than the number-health limits', as "code=count, ...". */
    String otherRefusals() {
        Map<String, LongAdder> others = new java.util.TreeMap<>(refused);
        LIMIT_CODES.forEach(others::remove);
        return summary(others);
    }

    private static String graphErrorCode(String body) {
        try {
            String code = Json.text(Json.object(Json.object(Json.parse(body)).get("error")).get("code"));
            return code == null ? "none" : code;
        } catch (IllegalArgumentException e) {
            return "none";
        }
    }

    double windowSeconds() {
        return ((running() ? now() : end) - start) / 1e9;
    }

    double acceptedPerSecond() {
        return accepted.sum() / windowSeconds();
    }

    String progress() {
        return String.format(Locale.ROOT, "%.0f s, accepted %d, shed %d, rejected %d, errors %d",
                windowSeconds(), accepted.sum(), shed.sum(), total(rejected), total(errors));
    }

    static String summary(Map<String, LongAdder> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((key, count) -> parts.add(key + "=" + count.sum()));
        return String.join(", ", parts);
    }

    private static long total(Map<String, LongAdder> counts) {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private static void count(Map<String, LongAdder> counts, String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
}
