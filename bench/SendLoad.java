import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Load generator for the openwaba send path, run against an already running server.
 *
 * <p>It sends text messages through {@code POST /{version}/{phone_number_id}/messages} at a fixed
 * open-loop rate (or closed loop with {@code --rate 0}) and measures how many sends are accepted and
 * how long each takes until the response is complete. A local webhook receiver checks the
 * {@code X-Hub-Signature-256} of every delivery and that each accepted message gets its sent,
 * delivered and read status exactly once; the run waits for the last read status before reporting.
 * An empty endpoint ({@code GET /sandbox/ping}) is measured first as the ceiling of the HTTP stack.
 *
 * <p>Run: {@code java bench/SendLoad.java [--rate 1000] [--duration 60] ...}; {@code --help} lists
 * all options. Progress goes to stderr, the report to stdout. Exit code 0 when no status was lost,
 * duplicated or badly signed, 1 otherwise, 2 when the run could not be set up.
 */
public class SendLoad {

    private static final long ORIGIN = System.nanoTime() - 1;
    private static final long FIRST_CUSTOMER = 4915100000000L;
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Options options;
    private final ExecutorService httpExecutor;
    private final HttpClient http;
    private final Driver driver;
    private final Ledger ledger = new Ledger();
    private final AtomicLong messageCounter = new AtomicLong();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(daemonThreads("progress"));

    public static void main(String[] args) {
        keepCompletionsOffThreadPerTask();
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(Options.USAGE);
            return;
        }
        int exitCode;
        try {
            exitCode = new SendLoad(Options.parse(args)).run();
        } catch (IllegalArgumentException e) {
            System.err.println("sendload: " + e.getMessage() + "\n\n" + Options.USAGE);
            exitCode = 2;
        } catch (IllegalStateException e) {
            System.err.println("sendload: " + e.getMessage());
            exitCode = 2;
        } catch (Exception e) {
            System.err.println("sendload: " + e);
            exitCode = 2;
        }
        System.exit(exitCode);
    }

    /**
     * {@code HttpClient.sendAsync} completes every response on the CompletableFuture default executor,
     * which starts a new thread per task when the common pool has a parallelism of 1 (two CPUs or fewer).
     */
    private static void keepCompletionsOffThreadPerTask() {
        String property = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(property) == null) {
            System.setProperty(property, String.valueOf(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
        }
    }

    private SendLoad(Options options) {
        this.options = options;
        this.httpExecutor = Executors.newFixedThreadPool(
                Math.max(4, Runtime.getRuntime().availableProcessors()), daemonThreads("http"));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(httpExecutor)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.driver = new Driver(http, options.clients());
    }

    private int run() throws Exception {
        Sandbox sandbox = Sandbox.from(sandboxInfo());
        try (Receiver receiver = Receiver.start(options.receiverPort(), sandbox.appSecret())) {
            log("webhook receiver on %s", receiver.callbackUrl());
            subscribe(sandbox, receiver);
            List<String> customers = prepareCustomers(sandbox);
            PhaseResult ceiling = measureCeiling(receiver);

            Supplier<HttpRequest> sends = sendRequests(sandbox, customers);
            long loadStart = now();
            long deliveriesBeforeLoad = receiver.deliveries.sum();
            runPhase("warmup", options.warmup(), sends, false, receiver);
            PhaseResult measured = runPhase("measured", options.duration(), sends, true, receiver);
            boolean drained = drain(receiver);

            double overallSeconds = Math.max(0, receiver.lastDeliveryAt() - loadStart) / 1e9;
            double overallDeliveryRate = (receiver.deliveries.sum() - deliveriesBeforeLoad) / overallSeconds;
            Audit audit = Audit.of(ledger, receiver);
            Report report = report(measured, ceiling, receiver, audit, drained, overallDeliveryRate);
            report.print(System.out);
            return audit.passed(receiver) ? 0 : 1;
        } finally {
            ticker.shutdownNow();
            httpExecutor.shutdownNow();
        }
    }

    private Map<String, Object> sandboxInfo() throws InterruptedException {
        try {
            return getJson("/sandbox/info");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + options.baseUrl() + "/sandbox/info: " + e, e);
        }
    }

    private void subscribe(Sandbox sandbox, Receiver receiver) throws IOException, InterruptedException {
        String body = "{\"override_callback_uri\":" + Json.quote(receiver.callbackUrl())
                + ",\"verify_token\":" + Json.quote(receiver.verifyToken()) + "}";
        String path = "/" + sandbox.graphVersion() + "/" + sandbox.wabaId() + "/subscribed_apps";
        HttpResponse<String> response = http.send(post(path, sandbox.accessToken(), body), ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("subscribed_apps answered HTTP " + response.statusCode() + ": "
                    + response.body() + " (a loopback callback may need"
                    + " openwaba.webhooks.allow-private-targets=true on the server)");
        }
        if (receiver.verifications.sum() == 0) {
            log("warning: the server registered the callback without verifying it");
        }
    }

    private List<String> prepareCustomers(Sandbox sandbox) throws InterruptedException {
        List<String> waIds = IntStream.range(0, options.customers())
                .mapToObj(i -> String.valueOf(FIRST_CUSTOMER + i))
                .toList();
        log("creating %d customers", waIds.size());
        sendAll("create customer", IntStream.range(0, waIds.size())
                .mapToObj(i -> post("/sandbox/customers", null, "{\"wa_id\":" + Json.quote(waIds.get(i))
                        + ",\"name\":\"Load Customer " + i + "\",\"country\":\"DE\"}"))
                .toList(), Set.of(200, 201, 409));
        String inbound = "{\"to\":" + Json.quote(sandbox.phoneNumberId())
                + ",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}";
        sendAll("customer message", waIds.stream()
                .map(waId -> post("/sandbox/customers/" + waId + "/messages", null, inbound))
                .toList(), Set.of(200, 201));
        return waIds;
    }

    private void sendAll(String what, List<HttpRequest> requests, Set<Integer> expected)
            throws InterruptedException {
        Semaphore bound = new Semaphore(options.clients());
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (HttpRequest request : requests) {
            bound.acquire();
            pending.add(http.sendAsync(request, ofString()).whenComplete((response, error) -> bound.release()));
        }
        for (CompletableFuture<HttpResponse<String>> future : pending) {
            HttpResponse<String> response = future.join();
            if (!expected.contains(response.statusCode())) {
                throw new IllegalStateException(what + " " + response.request().uri() + " answered HTTP "
                        + response.statusCode() + ": " + response.body());
            }
        }
    }

    private PhaseResult measureCeiling(Receiver receiver) throws InterruptedException {
        if (options.pingDuration() == 0) {
            return null;
        }
        HttpRequest ping = get("/sandbox/ping");
        return runPhase("ping", 0, options.pingDuration(), () -> ping, (response, start, end) -> true, receiver);
    }

    private PhaseResult runPhase(String name, int seconds, Supplier<HttpRequest> sends, boolean measured,
                                 Receiver receiver) throws InterruptedException {
        Driver.OnSuccess accept = (response, start, end) -> ledger.accept(response.body(), start, end, measured);
        return runPhase(name, options.rate(), seconds, sends, accept, receiver);
    }

    private PhaseResult runPhase(String name, double rate, int seconds, Supplier<HttpRequest> requests,
                                 Driver.OnSuccess onSuccess, Receiver receiver) throws InterruptedException {
        PhaseStats stats = new PhaseStats();
        if (seconds == 0) {
            return new PhaseResult(stats, 0);
        }
        log("%s: %d s, %s, %d clients", name, seconds,
                rate > 0 ? number(rate) + " req/s open loop" : "closed loop", options.clients());
        long deliveriesBefore = receiver.deliveries.sum();
        ScheduledFuture<?> progress = ticker.scheduleAtFixedRate(
                () -> {
                    if (stats.running()) {
                        log("%s: %s, webhooks %d", name, stats.progress(), receiver.deliveries.sum());
                    }
                },
                5, 5, TimeUnit.SECONDS);
        try {
            driver.run(stats, rate, seconds, requests, onSuccess);
        } finally {
            progress.cancel(false);
        }
        long deliveriesInWindow = receiver.deliveries.sum() - deliveriesBefore;
        if (!driver.awaitIdle(REQUEST_TIMEOUT.multipliedBy(2))) {
            log("%s: requests still in flight after %s", name, REQUEST_TIMEOUT.multipliedBy(2));
        }
        log("%s: done, %s", name, stats.progress());
        return new PhaseResult(stats, deliveriesInWindow);
    }

    private Supplier<HttpRequest> sendRequests(Sandbox sandbox, List<String> customers) {
        String path = "/" + sandbox.graphVersion() + "/" + sandbox.phoneNumberId() + "/messages";
        return () -> {
            long n = messageCounter.getAndIncrement();
            String to = customers.get((int) (n % customers.size()));
            return post(path, sandbox.accessToken(), "{\"messaging_product\":\"whatsapp\",\"to\":"
                    + Json.quote(to) + ",\"type\":\"text\",\"text\":{\"body\":\"load test " + n + "\"}}");
        };
    }

    private boolean drain(Receiver receiver) throws InterruptedException {
        long deadline = now() + TimeUnit.SECONDS.toNanos(options.drainTimeout());
        long nextLog = now() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            long pending = ledger.pending(receiver);
            if (pending == 0) {
                return true;
            }
            if (now() >= deadline) {
                log("drain: timed out, %d sends still without read status", pending);
                return false;
            }
            if (now() >= nextLog) {
                log("drain: %d sends still without read status", pending);
                nextLog += TimeUnit.SECONDS.toNanos(5);
            }
            Thread.sleep(100);
        }
    }

    private Report report(PhaseResult measured, PhaseResult ceiling, Receiver receiver, Audit audit,
                          boolean drained, double overallDeliveryRate) {
        PhaseStats sends = measured.stats();
        Report report = new Report()
                .section("configuration")
                .put("base_url", options.baseUrl())
                .put("target_rate_per_s", options.rate() > 0 ? number(options.rate()) : "closed loop")
                .put("duration_s", options.duration())
                .put("warmup_s", options.warmup())
                .put("clients", options.clients())
                .put("customers", options.customers())
                .section("sends (measured window)")
                .put("window_s", fixed(sends.windowSeconds(), 2))
                .put("accepted_sends", sends.accepted.sum())
                .put("accepted_per_s", fixed(sends.acceptedPerSecond(), 1))
                .put("non_200_answers", PhaseStats.summary(sends.rejected))
                .put("transport_errors", PhaseStats.summary(sends.errors))
                .put("shed_sends", sends.shed.sum())
                .put("scheduler_max_lag_ms", options.rate() > 0 ? millis(sends.maxLagNanos) : "n/a")
                .put("latency_ms_p50", millis(sends.latency.percentile(50)))
                .put("latency_ms_p90", millis(sends.latency.percentile(90)))
                .put("latency_ms_p99", millis(sends.latency.percentile(99)))
                .put("latency_ms_max", millis(sends.latency.max()))
                .section("webhooks")
                .put("deliveries_received", receiver.deliveries.sum())
                .put("deliveries_per_s_window", fixed(measured.deliveriesInWindow() / sends.windowSeconds(), 1))
                .put("deliveries_per_s_overall", fixed(overallDeliveryRate, 1))
                .put("status_events", receiver.statusEvents.sum())
                .put("inbound_messages", receiver.inboundMessages.sum())
                .put("bad_signatures", receiver.badSignatures.sum())
                .put("duplicate_webhook_ids", receiver.duplicateWebhookIds.sum())
                .put("duplicate_statuses", receiver.duplicateStatuses.sum())
                .put("missing_webhook_ids", receiver.missingWebhookIds.sum())
                .put("out_of_order_statuses", receiver.outOfOrder.sum())
                .put("unparseable_deliveries", receiver.unparseable.sum())
                .put("tracked_sends", audit.tracked())
                .put("lost", audit.lost())
                .put("failed_statuses", receiver.failedStatuses.sum())
                .put("statuses_for_unknown_wamids", audit.unknownWamids())
                .put("send_to_read_ms_p50", millis(audit.sendToRead().percentile(50)))
                .put("send_to_read_ms_p99", millis(audit.sendToRead().percentile(99)))
                .put("all_read_after_last_accept_ms", drained ? millis(audit.drainNanos())
                        : "n/a (drain timed out after " + options.drainTimeout() + " s)");
        if (ceiling != null) {
            PhaseStats ping = ceiling.stats();
            report.section("ceiling (GET /sandbox/ping, closed loop)")
                    .put("ping_per_s", fixed(ping.acceptedPerSecond(), 1))
                    .put("ping_latency_ms_p50", millis(ping.latency.percentile(50)))
                    .put("ping_latency_ms_p99", millis(ping.latency.percentile(99)))
                    .put("ping_failures", ping.rejected.isEmpty() && ping.errors.isEmpty() ? "none"
                            : PhaseStats.summary(ping.rejected) + "; " + PhaseStats.summary(ping.errors));
        }
        return report.section("verdict").put("result", audit.verdict(receiver));
    }

    private Map<String, Object> getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(get(path), ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered HTTP " + response.statusCode());
        }
        return Json.object(Json.parse(response.body()));
    }

    private HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(options.baseUrl() + path)).timeout(REQUEST_TIMEOUT).GET().build();
    }

    private HttpRequest post(String path, String bearerToken, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(options.baseUrl() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        return builder.build();
    }

    private static HttpResponse.BodyHandler<String> ofString() {
        return HttpResponse.BodyHandlers.ofString();
    }

    static long now() {
        return System.nanoTime() - ORIGIN;
    }

    static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[sendload %7.1fs] %s%n", now() / 1e9, String.format(Locale.ROOT, format, args));
    }

    static String fixed(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "n/a";
    }

    static String millis(long nanos) {
        return nanos < 0 ? "n/a" : fixed(nanos / 1e6, 2);
    }

    static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : fixed(value, 2);
    }

    static ThreadFactory daemonThreads(String name) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    record Options(String baseUrl, int duration, double rate, int clients, int customers, int warmup,
                   int receiverPort, int drainTimeout, int pingDuration) {

        static final String USAGE = """
                usage: java bench/SendLoad.java [options]
                  --base-url URL         server to load (default http://localhost:8080)
                  --duration S           seconds of measured load (default 60)
                  --rate N               target sends/s, open loop; 0 = closed loop (default 1000)
                  --clients N            max concurrent requests in flight (default 64)
                  --customers N          distinct customers the sends are spread over (default 200)
                  --warmup S             seconds of load before measuring, discarded (default 10)
                  --receiver-port P      webhook receiver port on 127.0.0.1, 0 = any free (default 0)
                  --drain-timeout S      seconds to wait for the last read statuses (default 120)
                  --ping-duration S      seconds of GET /sandbox/ping for the ceiling, 0 = skip (default 10)""";

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("base-url", "http://localhost:8080");
            values.put("duration", "60");
            values.put("rate", "1000");
            values.put("clients", "64");
            values.put("customers", "200");
            values.put("warmup", "10");
            values.put("receiver-port", "0");
            values.put("drain-timeout", "120");
            values.put("ping-duration", "10");
            for (int i = 0; i < args.length; i += 2) {
                String name = args[i].startsWith("--") ? args[i].substring(2) : args[i];
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("unknown option " + args[i]);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + args[i]);
                }
                values.put(name, args[i + 1]);
            }
            return new Options(
                    values.get("base-url").replaceAll("/+$", ""),
                    integer(values, "duration", 1, Integer.MAX_VALUE),
                    rate(values.get("rate")),
                    integer(values, "clients", 1, 100_000),
                    integer(values, "customers", 1, 100_000_000),
                    integer(values, "warmup", 0, Integer.MAX_VALUE),
                    integer(values, "receiver-port", 0, 65_535),
                    integer(values, "drain-timeout", 0, Integer.MAX_VALUE),
                    integer(values, "ping-duration", 0, Integer.MAX_VALUE));
        }

        private static int integer(Map<String, String> values, String name, int min, int max) {
            try {
                int value = Integer.parseInt(values.get(name));
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--" + name + " must be an integer from " + min + " to " + max);
        }

        private static double rate(String value) {
            try {
                double rate = Double.parseDouble(value);
                if (rate >= 0 && Double.isFinite(rate)) {
                    return rate;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--rate must be a number >= 0");
        }
    }

    record Sandbox(String graphVersion, String accessToken, String wabaId, String phoneNumberId,
                   String appSecret) {

        static Sandbox from(Map<String, Object> info) {
            return new Sandbox(required(info, "graph_version"), required(info, "access_token"),
                    required(info, "waba_id"), required(info, "phone_number_id"), required(info, "app_secret"));
        }

        private static String required(Map<String, Object> info, String key) {
            String value = Json.text(info.get(key));
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("/sandbox/info has no " + key);
            }
            return value;
        }
    }

    record PhaseResult(PhaseStats stats, long deliveriesInWindow) {
    }

    /** Issues requests at a fixed rate or closed loop, never more than {@code clients} at a time. */
    static final class Driver {

        interface OnSuccess {
            boolean accept(HttpResponse<String> response, long start, long end);
        }

        private enum Admission { ADMITTED, SHED, DONE }

        private final HttpClient http;
        private final int clients;
        private final Semaphore slots;

        Driver(HttpClient http, int clients) {
            this.http = http;
            this.clients = clients;
            this.slots = new Semaphore(clients);
        }

        void run(PhaseStats stats, double rate, int seconds, Supplier<HttpRequest> requests, OnSuccess onSuccess)
                throws InterruptedException {
            long start = stats.open(now());
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            for (long seq = 0; ; seq++) {
                Admission admission = rate > 0 ? paced(start + (long) (seq * 1e9 / rate), end, stats) : unpaced(end);
                if (admission == Admission.DONE) {
                    break;
                }
                if (admission == Admission.ADMITTED) {
                    fire(requests.get(), stats, onSuccess);
                }
            }
            stats.close(now());
        }

        boolean awaitIdle(Duration timeout) throws InterruptedException {
            if (!slots.tryAcquire(clients, timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                return false;
            }
            slots.release(clients);
            return true;
        }

        private Admission paced(long due, long end, PhaseStats stats) {
            if (due >= end) {
                return Admission.DONE;
            }
            for (long wait = due - now(); wait > 0; wait = due - now()) {
                LockSupport.parkNanos(wait);
            }
            stats.lagged(now() - due);
            if (slots.tryAcquire()) {
                return Admission.ADMITTED;
            }
            stats.shed.increment();
            return Admission.SHED;
        }

        private Admission unpaced(long end) throws InterruptedException {
            long remaining = end - now();
            return remaining > 0 && slots.tryAcquire(remaining, TimeUnit.NANOSECONDS)
                    ? Admission.ADMITTED : Admission.DONE;
        }

        private void fire(HttpRequest request, PhaseStats stats, OnSuccess onSuccess) {
            long start = now();
            try {
                http.sendAsync(request, ofString()).whenComplete((response, error) -> {
                    long end = now();
                    slots.release();
                    stats.complete(response, error, start, end, onSuccess);
                });
            } catch (RuntimeException e) {
                slots.release();
                stats.complete(null, e, start, now(), onSuccess);
            }
        }
    }

    /** Outcome counters and latencies of one phase; the window is the time requests were started in. */
    static final class PhaseStats {
        final Histogram latency = new Histogram();
        final LongAdder accepted = new LongAdder();
        final LongAdder shed = new LongAdder();
        final Map<String, LongAdder> rejected = new ConcurrentSkipListMap<>();
        final Map<String, LongAdder> errors = new ConcurrentSkipListMap<>();
        volatile long maxLagNanos;
        private volatile long start;
        private volatile long end;

        long open(long at) {
            start = at;
            return at;
        }

        void close(long at) {
            end = at;
        }

        boolean running() {
            return end == 0;
        }

        void lagged(long lagNanos) {
            if (lagNanos > maxLagNanos) {
                maxLagNanos = lagNanos;
            }
        }

        void complete(HttpResponse<String> response, Throwable error, long start, long end,
                      Driver.OnSuccess onSuccess) {
            if (error != null) {
                count(errors, rootCause(error).getClass().getSimpleName());
            } else if (response.statusCode() / 100 != 2) {
                count(rejected, String.valueOf(response.statusCode()));
            } else if (!onSuccess.accept(response, start, end)) {
                count(rejected, response.statusCode() + " without wamid");
            } else {
                accepted.increment();
                latency.record(end - start);
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

        private static Throwable rootCause(Throwable error) {
            Throwable cause = error;
            while (cause instanceof CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        }
    }

    /** Log-linear latency histogram in microseconds, 32 buckets per power of two (about 3 % wide). */
    static final class Histogram {
        private static final int LINEAR = 64;
        private static final int SUB = 32;
        private final AtomicLongArray counts = new AtomicLongArray(LINEAR + 58 * SUB);
        private final LongAdder total = new LongAdder();
        private final AtomicLong maxMicros = new AtomicLong(-1);

        void record(long nanos) {
            long micros = Math.max(0, nanos / 1000);
            counts.incrementAndGet(index(micros));
            total.increment();
            maxMicros.accumulateAndGet(micros, Math::max);
        }

        /** The value in nanoseconds, or -1 when nothing was recorded. */
        long percentile(double percent) {
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

        long max() {
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

    /** Every accepted send by wamid, with when it started and when its 200 arrived. */
    static final class Ledger {
        record Send(long start, long accepted, boolean measured) {
        }

        final Map<String, Send> sends = new ConcurrentHashMap<>();
        final AtomicLong lastAccept = new AtomicLong();

        boolean accept(String body, long start, long end, boolean measured) {
            String wamid = wamid(body);
            if (wamid == null) {
                return false;
            }
            sends.put(wamid, new Send(start, end, measured));
            lastAccept.accumulateAndGet(end, Math::max);
            return true;
        }

        long pending(Receiver receiver) {
            return sends.keySet().stream().filter(wamid -> !receiver.settled(wamid)).count();
        }

        private static String wamid(String body) {
            try {
                List<Object> messages = Json.list(Json.object(Json.parse(body)).get("messages"));
                return messages.isEmpty() ? null : Json.text(Json.object(messages.get(0)).get("id"));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** The ledger checked against what the receiver saw, after the drain. */
    record Audit(long tracked, long lost, long unknownWamids, long drainNanos, Histogram sendToRead) {

        static Audit of(Ledger ledger, Receiver receiver) {
            long lost = 0;
            long lastRead = 0;
            Histogram sendToRead = new Histogram();
            for (Map.Entry<String, Ledger.Send> entry : ledger.sends.entrySet()) {
                Arrivals arrivals = receiver.arrivals(entry.getKey());
                if (arrivals == null || !arrivals.complete()) {
                    lost += arrivals != null && arrivals.failed() ? 0 : 1;
                    continue;
                }
                lastRead = Math.max(lastRead, arrivals.at(Arrivals.READ));
                if (entry.getValue().measured()) {
                    sendToRead.record(arrivals.at(Arrivals.READ) - entry.getValue().start());
                }
            }
            long unknown = receiver.wamids().stream().filter(wamid -> !ledger.sends.containsKey(wamid)).count();
            long drain = lastRead == 0 ? -1 : Math.max(0, lastRead - ledger.lastAccept.get());
            return new Audit(ledger.sends.size(), lost, unknown, drain, sendToRead);
        }

        boolean passed(Receiver receiver) {
            return tracked > 0 && problems(receiver).isEmpty();
        }

        String verdict(Receiver receiver) {
            if (tracked == 0) {
                return "FAIL (no send was accepted)";
            }
            List<String> problems = problems(receiver);
            return problems.isEmpty() ? "PASS" : "FAIL (" + String.join(", ", problems) + ")";
        }

        private List<String> problems(Receiver receiver) {
            List<String> problems = new ArrayList<>();
            addIfPositive(problems, "lost", lost);
            addIfPositive(problems, "bad_signatures", receiver.badSignatures.sum());
            addIfPositive(problems, "duplicate_webhook_ids", receiver.duplicateWebhookIds.sum());
            addIfPositive(problems, "duplicate_statuses", receiver.duplicateStatuses.sum());
            return problems;
        }

        private static void addIfPositive(List<String> problems, String name, long count) {
            if (count > 0) {
                problems.add(name + "=" + count);
            }
        }
    }

    /** First arrival time per status of one wamid; 0 means not arrived yet. */
    static final class Arrivals {
        static final int SENT = 0;
        static final int DELIVERED = 1;
        static final int READ = 2;
        static final int FAILED = 3;

        private final AtomicLongArray firstAt = new AtomicLongArray(4);

        boolean record(int status, long at) {
            return firstAt.compareAndSet(status, 0, at);
        }

        long at(int status) {
            return firstAt.get(status);
        }

        boolean complete() {
            return at(SENT) > 0 && at(DELIVERED) > 0 && at(READ) > 0;
        }

        boolean failed() {
            return at(FAILED) > 0;
        }

        boolean settled() {
            return at(READ) > 0 || failed();
        }

        static int index(String status) {
            if (status == null) {
                return -1;
            }
            switch (status) {
                case "sent": return SENT;
                case "delivered": return DELIVERED;
                case "read": return READ;
                case "failed": return FAILED;
                default: return -1;
            }
        }
    }

    /** The webhook endpoint: answers the verification challenge and audits each delivery. */
    static final class Receiver implements AutoCloseable {
        final LongAdder deliveries = new LongAdder();
        final LongAdder verifications = new LongAdder();
        final LongAdder badSignatures = new LongAdder();
        final LongAdder duplicateWebhookIds = new LongAdder();
        final LongAdder duplicateStatuses = new LongAdder();
        final LongAdder missingWebhookIds = new LongAdder();
        final LongAdder statusEvents = new LongAdder();
        final LongAdder failedStatuses = new LongAdder();
        final LongAdder inboundMessages = new LongAdder();
        final LongAdder outOfOrder = new LongAdder();
        final LongAdder unparseable = new LongAdder();

        private final HttpServer server;
        private final ExecutorService pool;
        private final Signer signer;
        private final String verifyToken = randomToken();
        private final Map<String, Arrivals> arrivals = new ConcurrentHashMap<>();
        private final Set<String> webhookIds = ConcurrentHashMap.newKeySet();
        private final AtomicLong lastDeliveryAt = new AtomicLong();

        private Receiver(HttpServer server, ExecutorService pool, Signer signer) {
            this.server = server;
            this.pool = pool;
            this.signer = signer;
        }

        static Receiver start(int port, String appSecret) throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
            ExecutorService pool = Executors.newFixedThreadPool(8, daemonThreads("webhook"));
            Receiver receiver = new Receiver(server, pool, new Signer(appSecret));
            server.createContext("/webhook", receiver::handle);
            server.setExecutor(pool);
            server.start();
            return receiver;
        }

        String callbackUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
        }

        String verifyToken() {
            return verifyToken;
        }

        long lastDeliveryAt() {
            return lastDeliveryAt.get();
        }

        Arrivals arrivals(String wamid) {
            return arrivals.get(wamid);
        }

        Set<String> wamids() {
            return arrivals.keySet();
        }

        boolean settled(String wamid) {
            Arrivals found = arrivals.get(wamid);
            return found != null && found.settled();
        }

        @Override
        public void close() {
            server.stop(0);
            pool.shutdownNow();
        }

        private void handle(HttpExchange exchange) {
            try {
                switch (exchange.getRequestMethod()) {
                    case "POST" -> deliver(exchange);
                    case "GET" -> verify(exchange);
                    default -> respond(exchange, 405, "");
                }
            } catch (IOException | RuntimeException e) {
                exchange.close();
            }
        }

        private void verify(HttpExchange exchange) throws IOException {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String challenge = query.get("hub.challenge");
            boolean valid = "subscribe".equals(query.get("hub.mode"))
                    && verifyToken.equals(query.get("hub.verify_token")) && challenge != null;
            if (valid) {
                verifications.increment();
            }
            respond(exchange, valid ? 200 : 403, valid ? challenge : "");
        }

        private void deliver(HttpExchange exchange) throws IOException {
            long at = now();
            byte[] body = exchange.getRequestBody().readAllBytes();
            deliveries.increment();
            lastDeliveryAt.accumulateAndGet(at, Math::max);
            boolean signed = signer.matches(exchange.getRequestHeaders().getFirst("X-Hub-Signature-256"), body);
            String webhookId = exchange.getRequestHeaders().getFirst("webhook-id");
            respond(exchange, signed ? 200 : 401, "");
            if (!signed) {
                badSignatures.increment();
            } else if (firstDelivery(webhookId)) {
                record(new String(body, StandardCharsets.UTF_8), at);
            }
        }

        private boolean firstDelivery(String webhookId) {
            if (webhookId == null) {
                missingWebhookIds.increment();
                return true;
            }
            if (webhookIds.add(webhookId)) {
                return true;
            }
            duplicateWebhookIds.increment();
            return false;
        }

        private void record(String body, long at) {
            try {
                for (Object entry : Json.list(Json.object(Json.parse(body)).get("entry"))) {
                    for (Object change : Json.list(Json.object(entry).get("changes"))) {
                        Map<String, Object> value = Json.object(Json.object(change).get("value"));
                        Json.list(value.get("statuses")).forEach(status -> recordStatus(Json.object(status), at));
                        inboundMessages.add(Json.list(value.get("messages")).size());
                    }
                }
            } catch (IllegalArgumentException e) {
                unparseable.increment();
            }
        }

        private void recordStatus(Map<String, Object> status, long at) {
            statusEvents.increment();
            String wamid = Json.text(status.get("id"));
            int index = Arrivals.index(Json.text(status.get("status")));
            if (wamid == null || index < 0) {
                return;
            }
            if (index == Arrivals.FAILED) {
                failedStatuses.increment();
            }
            Arrivals found = arrivals.computeIfAbsent(wamid, key -> new Arrivals());
            if (!found.record(index, at)) {
                duplicateStatuses.increment();
            } else if (index == Arrivals.DELIVERED && found.at(Arrivals.SENT) == 0
                    || index == Arrivals.READ && found.at(Arrivals.DELIVERED) == 0) {
                outOfOrder.increment();
            }
        }

        private static void respond(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        }

        private static Map<String, String> query(String rawQuery) {
            Map<String, String> parameters = new LinkedHashMap<>();
            if (rawQuery == null) {
                return parameters;
            }
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                parameters.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
            return parameters;
        }

        private static String randomToken() {
            byte[] bytes = new byte[16];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }
    }

    /** Checks {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>}. */
    static final class Signer {
        private final ThreadLocal<Mac> mac;

        Signer(String appSecret) {
            SecretKeySpec key = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
            this.mac = ThreadLocal.withInitial(() -> {
                try {
                    Mac instance = Mac.getInstance("HmacSHA256");
                    instance.init(key);
                    return instance;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
        }

        boolean matches(String header, byte[] body) {
            if (header == null) {
                return false;
            }
            String expected = "sha256=" + HexFormat.of().formatHex(mac.get().doFinal(body));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    header.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** Key/value report lines grouped in sections, keys padded to one column. */
    static final class Report {
        private record Line(String key, String value) {
        }

        private final List<Line> lines = new ArrayList<>();

        Report section(String title) {
            lines.add(new Line("# " + title, null));
            return this;
        }

        Report put(String key, Object value) {
            lines.add(new Line(key, String.valueOf(value)));
            return this;
        }

        void print(PrintStream out) {
            int width = lines.stream().filter(line -> line.value() != null)
                    .mapToInt(line -> line.key().length()).max().orElse(0) + 1;
            for (Line line : lines) {
                if (line.value() == null) {
                    out.println(line.key());
                } else {
                    out.printf("%-" + width + "s %s%n", line.key() + ":", line.value());
                }
            }
            out.flush();
        }
    }

    /** Minimal JSON reader: objects become maps, arrays lists, numbers BigDecimal. */
    static final class Json {
        private final String text;
        private int pos;

        private Json(String text) {
            this.text = text;
        }

        static Object parse(String text) {
            Json parser = new Json(text);
            Object value = parser.value();
            parser.skipWhitespace();
            if (parser.pos != text.length()) {
                throw parser.error("trailing characters");
            }
            return value;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> object(Object value) {
            return value instanceof Map ? (Map<String, Object>) value : Map.of();
        }

        @SuppressWarnings("unchecked")
        static List<Object> list(Object value) {
            return value instanceof List ? (List<Object>) value : List.of();
        }

        static String text(Object value) {
            if (value instanceof BigDecimal) {
                return ((BigDecimal) value).toPlainString();
            }
            return value == null ? null : value.toString();
        }

        static String quote(String value) {
            StringBuilder out = new StringBuilder(value.length() + 2).append('"');
            for (char c : value.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }

        private Object value() {
            skipWhitespace();
            return switch (peek()) {
                case '{' -> parseObject();
                case '[' -> parseArray();
                case '"' -> parseString();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> parseNumber();
            };
        }

        private Map<String, Object> parseObject() {
            Map<String, Object> map = new LinkedHashMap<>();
            expect('{');
            if (consume('}')) {
                return map;
            }
            do {
                skipWhitespace();
                String key = parseString();
                expect(':');
                map.put(key, value());
            } while (consume(','));
            expect('}');
            return map;
        }

        private List<Object> parseArray() {
            List<Object> list = new ArrayList<>();
            expect('[');
            if (consume(']')) {
                return list;
            }
            do {
                list.add(value());
            } while (consume(','));
            expect(']');
            return list;
        }

        private String parseString() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                if (pos >= text.length()) {
                    throw error("unterminated string");
                }
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                out.append(c == '\\' ? escaped() : c);
            }
        }

        private char escaped() {
            if (pos >= text.length()) {
                throw error("unterminated escape");
            }
            char c = text.charAt(pos++);
            switch (c) {
                case 'b': return '\b';
                case 'f': return '\f';
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case 'u':
                    if (pos + 4 > text.length()) {
                        throw error("short unicode escape");
                    }
                    try {
                        char decoded = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
                        pos += 4;
                        return decoded;
                    } catch (NumberFormatException e) {
                        throw error("bad unicode escape");
                    }
                default: return c;
            }
        }

        private BigDecimal parseNumber() {
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                return new BigDecimal(text.substring(start, pos));
            } catch (NumberFormatException e) {
                throw error("unexpected character");
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("unexpected character");
            }
            pos += word.length();
            return value;
        }

        private void expect(char c) {
            skipWhitespace();
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private boolean consume(char c) {
            skipWhitespace();
            if (peek() == c) {
                pos++;
                return true;
            }
            return false;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void skipWhitespace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("JSON " + message + " at " + pos);
        }
    }
}
