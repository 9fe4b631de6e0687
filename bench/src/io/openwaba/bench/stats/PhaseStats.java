package io.openwaba.bench.stats;

import io.openwaba.bench.client.OnSuccess;
import io.openwaba.bench.client.PhaseRecorder;
import io.openwaba.bench.client.Response;
import io.openwaba.bench.json.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

import static io.openwaba.bench.shared.Elapsed.now;

/** Outcome counters and latencies of one phase; the window is the time requests were started in. */
public final class PhaseStats implements PhaseRecorder {

    /** The Graph error codes of the number-health limits: throughput, pair rate, messaging-limit tier. */
    public static final List<String> LIMIT_CODES = List.of("130429", "131056", "131048");

    public final Histogram latency = new Histogram();
    public final LongAdder accepted = new LongAdder();
    public final LongAdder shed = new LongAdder();
    public final LongAdder connections = new LongAdder();
    public final LongAdder staleRetries = new LongAdder();
    public final Map<String, LongAdder> rejected = new ConcurrentSkipListMap<>();
    public final Map<String, LongAdder> errors = new ConcurrentSkipListMap<>();
    /** Non-2xx answers by the Graph error code in their body ({@code error.code}), "none" without one. */
    public final Map<String, LongAdder> refused = new ConcurrentSkipListMap<>();
    public volatile long maxLagNanos;
    private volatile long start;
    private volatile long end;
    private long cpuAtStart = -1;
    private long cpuAtEnd = -1;

    @Override
    public long open(long at) {
        cpuAtStart = processCpuNanos();
        start = at;
        return at;
    }

    @Override
    public void close(long at) {
        end = at;
        cpuAtEnd = processCpuNanos();
    }

    /** CPU time of this process (client threads, scheduler and webhook receiver) in the window, or -1. */
    public long cpuNanos() {
        return cpuAtStart < 0 || cpuAtEnd < 0 ? -1 : cpuAtEnd - cpuAtStart;
    }

    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    public boolean running() {
        return end == 0;
    }

    @Override
    public void lagged(long lagNanos) {
        if (lagNanos > maxLagNanos) {
            maxLagNanos = lagNanos;
        }
    }

    @Override
    public void shed() {
        shed.increment();
    }

    @Override
    public void connections(long opened, long staleRetried) {
        if (opened != 0) {
            connections.add(opened);
        }
        if (staleRetried != 0) {
            staleRetries.add(staleRetried);
        }
    }

    @Override
    public void complete(Response response, Exception error, long start, long end, OnSuccess onSuccess) {
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

    public long refusals(String code) {
        LongAdder count = refused.get(code);
        return count == null ? 0 : count.sum();
    }

    /** The refusals with other codes than the number-health limits', as "code=count, ...". */
    public String otherRefusals() {
        Map<String, LongAdder> others = new TreeMap<>(refused);
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

    public double windowSeconds() {
        return ((running() ? now() : end) - start) / 1e9;
    }

    public double acceptedPerSecond() {
        return accepted.sum() / windowSeconds();
    }

    public String progress() {
        return String.format(Locale.ROOT, "%.0f s, accepted %d, shed %d, rejected %d, errors %d",
                windowSeconds(), accepted.sum(), shed.sum(), total(rejected), total(errors));
    }

    public static String summary(Map<String, LongAdder> counts) {
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
