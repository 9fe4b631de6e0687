import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * Load generator for the openwaba send path, run against an already running server.
 *
 * <p>It sends messages through {@code POST /{version}/{phone_number_id}/messages} at a fixed
 * open-loop rate (or closed loop with {@code --rate 0}) and measures how many sends are accepted and
 * how long each takes until the response is complete. The sends stay within the number-health limits
 * (80 messages/s per number unless raised, 45 then one per 6 s per (number, customer) pair, the
 * messaging-limit tier's unique customers per 24 h), so that a correct run has no refusal
 * (130429, 131056, 131048); the report counts refusals by Graph error code.
 *
 * <p>Two modes. {@code foundation} (the default): text replies inside open customer service windows. It
 * registers {@code --numbers - 1} numbers beside the demo number under the demo WABA (with the admin token),
 * creates {@code --customers} simulated customers, each writing to one number, and sends round-robin over
 * these (number, customer) pairs: at 1,000/s over 16 numbers and 10,000 pairs that is 62.5/s per number and
 * one send per pair every 10 s. {@code templates}: the demo template outside any window to a new generated
 * customer each time, from numbers set to TIER_100K and 1,000 messages/s (see {@link #templateRequests}).
 *
 * <p>A local webhook receiver checks the {@code X-Hub-Signature-256} of every delivery and that each
 * accepted message gets its sent, delivered and read status exactly once (in templates mode: its failed
 * status, as the recipients are not on the sandbox network); the run waits for the last of them before
 * reporting.
 * An empty endpoint ({@code GET /sandbox/ping}) is measured last, on the warmed-up and idle server, as
 * the ceiling of the HTTP stack.
 * After the drain the subscription is deleted, so the server stops delivering to the receiver.
 *
 * <p>The measured requests (the sends and the pings) go through a minimal HTTP/1.1 client of its own
 * ({@link Connection}): {@code --clients} threads, each with one blocking keep-alive socket, writing
 * each request with a single write from a reused buffer. The JDK HttpClient costs several times more
 * CPU per request, which matters when load generator, server and receiver share a few cores; it is
 * only used for the setup calls. In open loop a scheduler hands out send slots at {@code --rate} per
 * second to idle client threads and counts a slot that finds none idle as shed; in closed loop every
 * client thread sends back to back. Latency runs from the start of the send to the end of the response.
 *
 * <p>Run: {@code java bench/SendLoad.java [--rate 1000] [--duration 60] ...}; {@code --help} lists
 * all options. Progress goes to stderr, the report to stdout. Exit code 0 when no status was lost,
 * duplicated or badly signed, 1 otherwise, 2 when the run could not be set up.
 */
public class SendLoad {

    private static final long ORIGIN = System.nanoTime() - 1;
    /** Foundation customers: +49 151 0000 0000 and up (German mobile numbers, valid for the server). */
    private static final long FIRST_CUSTOMER = 4915100000000L;
    /** Template recipients: +49 151 5000 0000 and up, away from the foundation customers and the demo ones. */
    private static final long FIRST_TEMPLATE_CUSTOMER = 4915150000000L;
    /** Numbers registered for the load: +49 176 1111 0000 and up. */
    private static final long FIRST_BENCH_NUMBER = 4917611110000L;
    /** How many numbers a verified business's WABA may hold. */
    private static final int MAX_NUMBERS = 25;
    /** A number's throughput until an admin raises it, in messages per second. */
    private static final int DEFAULT_THROUGHPUT = 80;
    /** What one (number, customer) pair may sustain after its burst: one message in 6 s. */
    private static final double PAIR_SENDS_PER_SECOND = 1 / 6.0;
    /** How long the server may keep serving a number's old settings from its cache. */
    private static final long NUMBER_CACHE_MILLIS = 1_500;
    /** The Graph error codes of the number-health limits: throughput, pair rate, messaging-limit tier. */
    static final List<String> LIMIT_CODES = List.of("130429", "131056", "131048");
    private static final String TEMPLATE_NAME = "order_update";
    private static final String TEMPLATE_LANGUAGE = "en_US";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Options options;
    private final Target target;
    private final ExecutorService httpExecutor;
    private final HttpClient http;
    private final Driver driver;
    private final Ledger ledger = new Ledger();
    private final AtomicLong messageCounter = new AtomicLong();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(daemonThreads("progress"));

    public static void main(String[] args) {
        keepCompletionsOffThreadPerTask();
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
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
        this.target = Target.of(options.baseUrl());
        this.httpExecutor = Executors.newFixedThreadPool(
                Math.max(4, Runtime.getRuntime().availableProcessors()), daemonThreads("http"));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(httpExecutor)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        this.driver = new Driver(target, options.clients());
    }

    private int run() throws Exception {
        Sandbox sandbox = Sandbox.from(sandboxInfo());
        try (Receiver receiver = Receiver.start(options.receiverPort(), sandbox.appSecret())) {
            log("webhook receiver on %s", receiver.callbackUrl());
            long setupStart = now();
            List<String> numbers = prepareNumbers(sandbox);
            subscribe(sandbox, receiver);
            Audit audit;
            Report report;
            try {
                RequestTemplate sends;
                if (options.mode() == Mode.TEMPLATES) {
                    sends = templateRequests(sandbox, numbers);
                } else {
                    List<String> customers = prepareCustomers(sandbox, numbers);
                    sends = sendRequests(sandbox, numbers, customers);
                }
                double setupSeconds = (now() - setupStart) / 1e9;
                log("setup done in %.1f s", setupSeconds);

                long loadStart = now();
                long deliveriesBeforeLoad = receiver.deliveries.sum();
                PhaseResult warmup = runPhase("warmup", options.warmup(), sends, false, receiver);
                PhaseResult measured = runPhase("measured", options.duration(), sends, true, receiver);
                boolean drained = drain(receiver);
                double overallSeconds = Math.max(0, receiver.lastDeliveryAt() - loadStart) / 1e9;
                double overallDeliveryRate = (receiver.deliveries.sum() - deliveriesBeforeLoad) / overallSeconds;
                // After the load, on a warmed-up and idle server: the ceiling of its HTTP stack.
                PhaseResult ceiling = measureCeiling(receiver);
                audit = Audit.of(ledger, receiver, limitRefusals(warmup.stats(), measured.stats()));
                report = report(warmup, measured, ceiling, receiver, audit, drained, overallDeliveryRate,
                        numbers.size(), setupSeconds);
            } finally {
                unsubscribe(sandbox);
            }
            report.print(System.out);
            return audit.passed(receiver) ? 0 : 1;
        } finally {
            driver.close();
            ticker.shutdownNow();
            httpExecutor.shutdownNow();
        }
    }

    /** Refusals for the number-health limits in warm-up and measured window together, by Graph error code. */
    private static Map<String, Long> limitRefusals(PhaseStats... phases) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String code : LIMIT_CODES) {
            long sum = 0;
            for (PhaseStats phase : phases) {
                sum += phase.refusals(code);
            }
            counts.put(code, sum);
        }
        return counts;
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

    /** Deletes the subscription, so the server stops delivering to the receiver that goes away with this run. */
    private void unsubscribe(Sandbox sandbox) throws InterruptedException {
        String path = "/" + sandbox.graphVersion() + "/" + sandbox.wabaId() + "/subscribed_apps";
        try {
            HttpResponse<String> response = http.send(delete(path, sandbox.accessToken()), ofString());
            if (response.statusCode() / 100 == 2) {
                log("unsubscribed: DELETE %s answered HTTP %d, the server no longer delivers to the receiver",
                        path, response.statusCode());
            } else {
                log("warning: DELETE %s answered HTTP %d: %s; the server may keep delivering to the gone receiver",
                        path, response.statusCode(), response.body());
            }
        } catch (IOException e) {
            log("warning: DELETE %s failed: %s; the server may keep delivering to the gone receiver", path, e);
        }
    }

    /**
     * The business numbers the sends go out from: the demo number first, then {@code --numbers - 1} numbers
     * {@code +49 176 1111 0000}, {@code 0001}, ... under the demo WABA, registered unless the WABA already has
     * them. Each gets the throughput and the tier asked for.
     */
    private List<String> prepareNumbers(Sandbox sandbox) throws InterruptedException {
        List<String> ids = new ArrayList<>(List.of(sandbox.phoneNumberId()));
        if (options.numbers() > 1) {
            Map<String, String> existing = new LinkedHashMap<>();
            for (Object number : Json.list(adminJson("GET", "/api/wabas/" + sandbox.wabaId() + "/phone-numbers",
                    null, Set.of(200)))) {
                Map<String, Object> fields = Json.object(number);
                existing.put(Json.text(fields.get("wa_id")), Json.text(fields.get("id")));
            }
            List<String> missing = new ArrayList<>();
            for (int i = 1; i < options.numbers(); i++) {
                String waId = String.valueOf(FIRST_BENCH_NUMBER + i - 1);
                if (existing.containsKey(waId)) {
                    ids.add(existing.get(waId));
                } else {
                    missing.add(waId);
                }
            }
            log("registering %d numbers under WABA %s (%d already there)", missing.size(), sandbox.wabaId(),
                    ids.size() - 1);
            for (String waId : missing) {
                // One at a time: a handful of requests, and each checks the WABA's number count.
                String body = "{\"phone_number\":" + Json.quote("+" + waId.substring(0, 2) + " "
                        + waId.substring(2, 5) + " " + waId.substring(5)) + ",\"verified_name\":\"Bench\"}";
                Object created = adminJson("POST", "/api/wabas/" + sandbox.wabaId() + "/phone-numbers", body,
                        Set.of(200, 201));
                ids.add(Json.text(Json.object(created).get("id")));
            }
        }
        boolean changed = false;
        if (options.throughput() > 0) {
            log("setting %d messages/s throughput on %d numbers", options.throughput(), ids.size());
            sendAll("set throughput", ids.stream()
                    .map(id -> admin("PUT", "/api/phone-numbers/" + id + "/throughput",
                            "{\"messages_per_second\":" + options.throughput() + "}"))
                    .toList(), Set.of(200, 204));
            changed = true;
        }
        if (!options.tier().isEmpty()) {
            log("setting messaging-limit tier %s on %d numbers", options.tier(), ids.size());
            sendAll("set tier", ids.stream()
                    .map(id -> admin("PUT", "/api/phone-numbers/" + id + "/messaging-limit",
                            "{\"tier\":" + Json.quote(options.tier()) + "}"))
                    .toList(), Set.of(200, 204));
            changed = true;
        }
        double perNumber = options.rate() / ids.size();
        int throughput = options.throughput() > 0 ? options.throughput() : DEFAULT_THROUGHPUT;
        if (options.rate() > 0 && perNumber > 0.8 * throughput) {
            log("warning: %.1f sends/s per number is over 80 %% of its %d/s throughput; jitter may exceed it",
                    perNumber, throughput);
        }
        if (changed) {
            // The server caches a number for up to a second; let every send see the new limits.
            Thread.sleep(NUMBER_CACHE_MILLIS);
        }
        return ids;
    }

    /**
     * Creates {@code --customers} simulated customers; customer {@code i} writes to number {@code i % numbers}
     * only, so that its customer service window is open, which gives as many (number, customer) pairs as
     * customers. The sends go round-robin over the customers, so each pair gets one send in
     * {@code customers / rate} seconds, and each number {@code rate / numbers} sends per second.
     */
    private List<String> prepareCustomers(Sandbox sandbox, List<String> numbers) throws InterruptedException {
        List<String> waIds = IntStream.range(0, options.customers())
                .mapToObj(i -> String.valueOf(FIRST_CUSTOMER + i))
                .toList();
        if (options.rate() > 0 && options.rate() / waIds.size() > PAIR_SENDS_PER_SECOND) {
            log("warning: %s sends/s over %d pairs is more than one send per pair in %.0f s; expect 131056",
                    number(options.rate()), waIds.size(), 1 / PAIR_SENDS_PER_SECOND);
        }
        log("creating %d customers, each writing to one of %d numbers", waIds.size(), numbers.size());
        sendAll("create customer", IntStream.range(0, waIds.size())
                .mapToObj(i -> post("/sandbox/customers", null, "{\"wa_id\":" + Json.quote(waIds.get(i))
                        + ",\"name\":\"Load Customer " + i + "\",\"country\":\"DE\"}"))
                .toList(), Set.of(200, 201, 409));
        sendAll("customer message", IntStream.range(0, waIds.size())
                .mapToObj(i -> post("/sandbox/customers/" + waIds.get(i) + "/messages", null,
                        "{\"to\":" + Json.quote(numbers.get(i % numbers.size()))
                                + ",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}"))
                .toList(), Set.of(200, 201));
        return waIds;
    }

    /** Sends the requests, at most {@code --clients} at a time, and returns the responses in their order. */
    private List<HttpResponse<String>> sendAll(String what, List<HttpRequest> requests, Set<Integer> expected)
            throws InterruptedException {
        Semaphore bound = new Semaphore(options.clients());
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (HttpRequest request : requests) {
            bound.acquire();
            pending.add(http.sendAsync(request, ofString()).whenComplete((response, error) -> bound.release()));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> future : pending) {
            HttpResponse<String> response;
            try {
                response = future.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
            }
            if (!expected.contains(response.statusCode())) {
                throw new IllegalStateException(what + " " + response.request().method() + " "
                        + response.request().uri() + " answered HTTP " + response.statusCode() + ": "
                        + response.body());
            }
            responses.add(response);
        }
        return responses;
    }

    private Object adminJson(String method, String path, String json, Set<Integer> expected)
            throws InterruptedException {
        HttpResponse<String> response = sendAll(method + " " + path, List.of(admin(method, path, json)), expected)
                .get(0);
        return Json.parse(response.body());
    }

    private HttpRequest admin(String method, String path, String json) {
        return HttpRequest.newBuilder(URI.create(options.baseUrl() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + options.adminToken())
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private PhaseResult measureCeiling(Receiver receiver) throws InterruptedException {
        if (options.pingDuration() == 0) {
            return null;
        }
        byte[] ping = target.requestHead("GET", "/sandbox/ping", null, false);
        return runPhase("ping", 0, options.pingDuration(), out -> out.append(ping),
                (response, start, end) -> true, receiver);
    }

    private PhaseResult runPhase(String name, int seconds, RequestTemplate sends, boolean measured,
                                 Receiver receiver) throws InterruptedException {
        Driver.OnSuccess accept = (response, start, end) ->
                ledger.accept(response.bodyText(), start, end, measured);
        return runPhase(name, options.rate(), seconds, sends, accept, receiver);
    }

    private PhaseResult runPhase(String name, double rate, int seconds, RequestTemplate requests,
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

    /**
     * The send {@code {"messaging_product":"whatsapp","to":"<wa_id>","type":"text","text":{"body":"load test <n>"}}},
     * assembled from prepared bytes: only the content length and the message number are formatted per send.
     * Send {@code n} goes to customer {@code n % customers} from that customer's number, round-robin over the
     * (number, customer) pairs and so over the numbers.
     */
    private RequestTemplate sendRequests(Sandbox sandbox, List<String> numbers, List<String> customers) {
        byte[][] heads = heads(sandbox, numbers);
        byte[][] bodyStarts = customers.stream()
                .map(to -> ("{\"messaging_product\":\"whatsapp\",\"to\":" + Json.quote(to)
                        + ",\"type\":\"text\",\"text\":{\"body\":\"load test ").getBytes(StandardCharsets.UTF_8))
                .toArray(byte[][]::new);
        byte[] bodyEnd = "\"}}".getBytes(StandardCharsets.UTF_8);
        return out -> {
            long n = messageCounter.getAndIncrement();
            int customer = (int) (n % bodyStarts.length);
            byte[] bodyStart = bodyStarts[customer];
            out.append(heads[customer % heads.length])
                    .appendDecimal(bodyStart.length + Bytes.digits(n) + bodyEnd.length)
                    .append(Target.END_OF_HEAD)
                    .append(bodyStart)
                    .appendDecimal(n)
                    .append(bodyEnd);
        };
    }

    /**
     * The demo template {@code order_update} ("Hi {{1}}, your order {{2}} is now {{3}}.") with the message
     * number as the order, each send to a customer never sent to before: send {@code n} goes to the generated
     * wa_id {@code FIRST_TEMPLATE_CUSTOMER + n} from number {@code n % numbers}. Nobody has these numbers on
     * the sandbox network, so no window is open and each send counts as a new unique customer against the
     * number's messaging limit; the server accepts the send and reports it {@code failed} (131026) by webhook.
     *
     * <p>By default the sends alternate between two numbers (the demo number and one registered number), both
     * at TIER_100K and 1,000 messages/s. Fewer numbers stress the tier ledger more: each number's rolling-24 h
     * ledger grows to rate x (warmup + duration) / numbers unique customers (45,000 each at the defaults,
     * 45 % of the tier), and every send checks and updates its number's ledger under that number's lock, so two
     * numbers mean two hot ledgers (16 numbers would leave 5,625 customers in each and spread the contention).
     * One number would be harder still, but a number's throughput is counted per calendar second: at exactly
     * its 1,000/s a few sends that jitter moves across a second boundary would be refused (130429), and the
     * run would measure a sender at its exact throughput limit rather than the tier ledger. Two numbers keep
     * each at half its throughput. {@code --numbers 1 --rate 900} or {@code --numbers 16} choose otherwise.
     */
    private RequestTemplate templateRequests(Sandbox sandbox, List<String> numbers) {
        byte[][] heads = heads(sandbox, numbers);
        long customers = options.customers();
        byte[] to = "{\"messaging_product\":\"whatsapp\",\"to\":\"".getBytes(StandardCharsets.UTF_8);
        byte[] template = ("\",\"type\":\"template\",\"template\":{\"name\":\"" + TEMPLATE_NAME
                + "\",\"language\":{\"code\":\"" + TEMPLATE_LANGUAGE + "\"},\"components\":[{\"type\":\"body\","
                + "\"parameters\":[{\"type\":\"text\",\"text\":\"Load Customer\"},{\"type\":\"text\",\"text\":\"L")
                .getBytes(StandardCharsets.UTF_8);
        byte[] end = "\"},{\"type\":\"text\",\"text\":\"on its way\"}]}]}}".getBytes(StandardCharsets.UTF_8);
        int fixedLength = to.length + template.length + end.length;
        return out -> {
            long n = messageCounter.getAndIncrement();
            // Never past the customers: Options.check made sure the run's slots fit them.
            long waId = FIRST_TEMPLATE_CUSTOMER + n % customers;
            out.append(heads[(int) (n % heads.length)])
                    .appendDecimal(fixedLength + Bytes.digits(waId) + Bytes.digits(n))
                    .append(Target.END_OF_HEAD)
                    .append(to)
                    .appendDecimal(waId)
                    .append(template)
                    .appendDecimal(n)
                    .append(end);
        };
    }

    /** The request head of {@code POST /{version}/{phone_number_id}/messages} for each number. */
    private byte[][] heads(Sandbox sandbox, List<String> numbers) {
        return numbers.stream()
                .map(id -> target.requestHead("POST", "/" + sandbox.graphVersion() + "/" + id + "/messages",
                        sandbox.accessToken(), true))
                .toArray(byte[][]::new);
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

    private Report report(PhaseResult warmup, PhaseResult measured, PhaseResult ceiling, Receiver receiver,
                          Audit audit, boolean drained, double overallDeliveryRate, int numbers,
                          double setupSeconds) {
        PhaseStats sends = measured.stats();
        boolean templates = options.mode() == Mode.TEMPLATES;
        Report report = new Report()
                .section("configuration")
                .put("base_url", options.baseUrl())
                .put("mode", options.mode().label() + (templates
                        ? " (" + TEMPLATE_NAME + " outside any window, each send to a new customer)"
                        : " (text replies inside open windows)"))
                .put("target_rate_per_s", options.rate() > 0 ? number(options.rate()) : "closed loop")
                .put("duration_s", options.duration())
                .put("warmup_s", options.warmup())
                .put("clients", options.clients())
                .put("numbers", numbers)
                .put("customers", templates
                        ? options.customers() + " generated wa_ids, " + messageCounter.get() + " used"
                        : options.customers())
                .put("number_customer_pairs", templates ? messageCounter.get() : options.customers())
                .put("throughput_per_number", options.throughput() > 0 ? options.throughput()
                        : "server default (" + DEFAULT_THROUGHPUT + ")")
                .put("messaging_limit_tier", options.tier().isEmpty() ? "unchanged" : options.tier())
                .put("setup_s", fixed(setupSeconds, 1))
                .section("sends (measured window)")
                .put("window_s", fixed(sends.windowSeconds(), 2))
                .put("accepted_sends", sends.accepted.sum())
                .put("accepted_per_s", fixed(sends.acceptedPerSecond(), 1))
                .put("non_200_answers", PhaseStats.summary(sends.rejected))
                .put("refused_130429_throughput", sends.refusals("130429"))
                .put("refused_131056_pair_rate", sends.refusals("131056"))
                .put("refused_131048_messaging_limit", sends.refusals("131048"))
                .put("refused_other_codes", sends.otherRefusals())
                .put("warmup_refusals_by_code", PhaseStats.summary(warmup.stats().refused))
                .put("transport_errors", PhaseStats.summary(sends.errors))
                .put("shed_sends", sends.shed.sum())
                .put("connections_opened", sends.connections.sum())
                .put("stale_connection_retries", sends.staleRetries.sum())
                .put("scheduler_max_lag_ms", options.rate() > 0 ? millis(sends.maxLagNanos) : "n/a")
                .put("loadgen_cpu_percent", sends.cpuNanos() < 0 ? "n/a"
                        : fixed(sends.cpuNanos() / 1e7 / sends.windowSeconds(), 1))
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
                        : "n/a (drain timed out after " + options.drainTimeout() + " s)")
                .put("send_to_final_status_ms_p50", millis(audit.sendToFinal().percentile(50)))
                .put("send_to_final_status_ms_p99", millis(audit.sendToFinal().percentile(99)))
                .put("all_final_after_last_accept_ms", drained ? millis(audit.finalDrainNanos())
                        : "n/a (drain timed out after " + options.drainTimeout() + " s)");
        if (ceiling != null) {
            PhaseStats ping = ceiling.stats();
            report.section("ceiling (GET /sandbox/ping, closed loop)")
                    .put("ping_per_s", fixed(ping.acceptedPerSecond(), 1))
                    .put("ping_latency_ms_p50", millis(ping.latency.percentile(50)))
                    .put("ping_latency_ms_p99", millis(ping.latency.percentile(99)))
                    .put("ping_connections_opened", ping.connections.sum())
                    .put("ping_loadgen_cpu_us_per_request", ping.cpuNanos() < 0 ? "n/a"
                            : fixed(ping.cpuNanos() / 1e3 / Math.max(1, ping.accepted.sum()), 1))
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

    private HttpRequest delete(String path, String bearerToken) {
        return HttpRequest.newBuilder(URI.create(options.baseUrl() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + bearerToken)
                .DELETE()
                .build();
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

    /** What the load sends: text replies inside open windows, or templates to new customers. */
    enum Mode {
        FOUNDATION, TEMPLATES;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The messaging-limit tiers and how many unique customers per rolling 24 h each allows. */
    static final Map<String, Long> TIERS = Map.of(
            "TIER_50", 50L, "TIER_1K", 1_000L, "TIER_10K", 10_000L, "TIER_100K", 100_000L,
            "TIER_UNLIMITED", Long.MAX_VALUE);

    /**
     * The options; {@code numbers}, {@code customers}, {@code throughput} and {@code tier} are already resolved
     * for the mode ({@code throughput} 0 and {@code tier} "" mean: leave the numbers' own setting).
     */
    record Options(String baseUrl, int duration, double rate, int clients, int customers, int warmup,
                   int receiverPort, int drainTimeout, int pingDuration, Mode mode, int numbers,
                   String adminToken, int throughput, String tier) {

        static final String USAGE = """
                usage: java bench/SendLoad.java [options]
                  --base-url URL         server to load (default http://localhost:8080)
                  --mode M               foundation: text replies inside open customer service windows,
                                         spread round-robin over (number, customer) pairs;
                                         templates: the demo template order_update outside any window,
                                         every send to a new customer (default foundation)
                  --duration S           seconds of measured load (default 60)
                  --rate N               target sends/s, open loop; 0 = closed loop, foundation only (default 1000)
                  --clients N            client threads, one keep-alive connection each (default 64)
                  --numbers N            business numbers the sends are spread over, 1 to 25: the demo number and
                                         N-1 numbers registered under the demo WABA (default 16 in foundation
                                         mode, 2 in templates mode)
                  --customers N          foundation: simulated customers, each writes to one number, so N
                                         (number, customer) pairs (default 10000); templates: generated wa_ids,
                                         at least rate x (warmup + duration) (default 100000)
                  --admin-token T        the server's BSP admin token (openwaba.admin.token), needed to register
                                         numbers and to set throughput and tier
                  --throughput N         messages_per_second set on each number, 1 to 1000, 0 = leave it
                                         (default 0 in foundation mode, 1000 in templates mode)
                  --tier T               messaging-limit tier set on each number: TIER_50, TIER_1K, TIER_10K,
                                         TIER_100K, TIER_UNLIMITED, or keep (default keep in foundation mode,
                                         TIER_100K in templates mode)
                  --warmup S             seconds of load before measuring, discarded (default 30)
                  --receiver-port P      webhook receiver port on 127.0.0.1, 0 = any free (default 0)
                  --drain-timeout S      seconds to wait for the last read statuses (default 120)
                  --ping-duration S      seconds of GET /sandbox/ping for the ceiling, 0 = skip (default 10)""";

        static Options parse(String[] args) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("base-url", "http://localhost:8080");
            values.put("mode", "foundation");
            values.put("duration", "60");
            values.put("rate", "1000");
            values.put("clients", "64");
            values.put("numbers", "auto");
            values.put("customers", "auto");
            values.put("admin-token", "");
            values.put("throughput", "auto");
            values.put("tier", "auto");
            values.put("warmup", "30");
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
            Mode mode = switch (values.get("mode")) {
                case "foundation" -> Mode.FOUNDATION;
                case "templates" -> Mode.TEMPLATES;
                default -> throw new IllegalArgumentException("--mode must be foundation or templates");
            };
            boolean templates = mode == Mode.TEMPLATES;
            resolve(values, "numbers", templates ? "2" : "16");
            resolve(values, "customers", templates ? "100000" : "10000");
            resolve(values, "throughput", templates ? "1000" : "0");
            resolve(values, "tier", templates ? "TIER_100K" : "keep");
            String tier = values.get("tier").equals("keep") ? "" : values.get("tier");
            if (!tier.isEmpty() && !TIERS.containsKey(tier)) {
                throw new IllegalArgumentException("--tier must be one of " + String.join(", ",
                        new java.util.TreeSet<>(TIERS.keySet())) + " or keep");
            }
            Options options = new Options(
                    values.get("base-url").replaceAll("/+$", ""),
                    integer(values, "duration", 1, Integer.MAX_VALUE),
                    rate(values.get("rate")),
                    integer(values, "clients", 1, 100_000),
                    integer(values, "customers", 1, 100_000_000),
                    integer(values, "warmup", 0, Integer.MAX_VALUE),
                    integer(values, "receiver-port", 0, 65_535),
                    integer(values, "drain-timeout", 0, Integer.MAX_VALUE),
                    integer(values, "ping-duration", 0, Integer.MAX_VALUE),
                    mode,
                    integer(values, "numbers", 1, MAX_NUMBERS),
                    values.get("admin-token"),
                    integer(values, "throughput", 0, 1000),
                    tier);
            options.check();
            return options;
        }

        /** Sends the run can make at most: one per slot of the warm-up and the measured window. */
        long plannedSends() {
            return (long) Math.ceil(rate * ((long) warmup + duration));
        }

        /** Refuses combinations that cannot give a clean run: the limits would refuse sends by design. */
        private void check() {
            boolean needsAdmin = numbers > 1 || throughput > 0 || !tier.isEmpty();
            if (needsAdmin && adminToken.isEmpty()) {
                throw new IllegalArgumentException("--numbers > 1, --throughput and --tier need --admin-token"
                        + " (start the server with --openwaba.admin.token=...)");
            }
            if (mode == Mode.TEMPLATES) {
                if (rate == 0) {
                    throw new IllegalArgumentException("--mode templates needs an open-loop --rate, so that"
                            + " rate x (warmup + duration) sends fit the customers");
                }
                if (plannedSends() > customers) {
                    throw new IllegalArgumentException("--mode templates sends each template to a new customer:"
                            + " rate x (warmup + duration) = " + plannedSends() + " sends need --customers >= "
                            + plannedSends());
                }
                long perNumber = (plannedSends() + numbers - 1) / numbers;
                Long allowed = TIERS.get(tier);
                if (allowed != null && perNumber > allowed) {
                    throw new IllegalArgumentException(perNumber + " new customers per number exceed " + tier
                            + " (" + allowed + " per 24 h): use more --numbers, a higher --tier or fewer sends");
                }
            }
        }

        private static void resolve(Map<String, String> values, String name, String automatic) {
            if (values.get(name).equals("auto")) {
                values.put(name, automatic);
            }
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

    /** Writes one request into a client thread's reused buffer. */
    interface RequestTemplate {
        void write(Bytes out);
    }

    /**
     * Issues requests at a fixed rate or closed loop through {@code clients} client threads, each owning one
     * keep-alive connection, so never more than {@code clients} requests are in flight.
     */
    static final class Driver implements AutoCloseable {

        interface OnSuccess {
            boolean accept(Response response, long start, long end);
        }

        private static final Phase STOP = new Phase(null, null, null, false, 0);

        private final Worker[] workers;
        /** Idle workers, a Treiber stack; only the dispatching thread pops, which rules out ABA. */
        private final AtomicReference<Worker> idle = new AtomicReference<>();
        private final AtomicInteger busy = new AtomicInteger();

        Driver(Target target, int clients) {
            this.workers = new Worker[clients];
            ThreadFactory threads = daemonThreads("client");
            for (int i = 0; i < clients; i++) {
                workers[i] = new Worker(this, new Connection(target));
                workers[i].thread = threads.newThread(workers[i]);
                push(workers[i]);
                workers[i].thread.start();
            }
            Thread watchdog = daemonThreads("request-timeout").newThread(this::expireRequests);
            watchdog.start();
        }

        void run(PhaseStats stats, double rate, int seconds, RequestTemplate requests, OnSuccess onSuccess) {
            long start = stats.open(now());
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            Phase phase = new Phase(stats, requests, onSuccess, rate <= 0, end);
            if (rate > 0) {
                for (long seq = 0; ; seq++) {
                    long due = start + (long) (seq * 1e9 / rate);
                    if (due >= end) {
                        break;
                    }
                    for (long wait = due - now(); wait > 0; wait = due - now()) {
                        LockSupport.parkNanos(wait);
                    }
                    stats.lagged(now() - due);
                    Worker worker = pop();
                    if (worker == null) {
                        stats.shed.increment();
                    } else {
                        dispatch(worker, phase);
                    }
                }
            } else {
                for (Worker worker = pop(); worker != null; worker = pop()) {
                    dispatch(worker, phase);
                }
                for (long wait = end - now(); wait > 0; wait = end - now()) {
                    LockSupport.parkNanos(wait);
                }
            }
            stats.close(now());
        }

        boolean awaitIdle(Duration timeout) throws InterruptedException {
            long deadline = now() + timeout.toNanos();
            while (busy.get() > 0) {
                if (now() >= deadline) {
                    return false;
                }
                Thread.sleep(2);
            }
            return true;
        }

        @Override
        public void close() {
            for (Worker worker : workers) {
                worker.assigned = STOP;
                LockSupport.unpark(worker.thread);
            }
        }

        private void dispatch(Worker worker, Phase phase) {
            busy.incrementAndGet();
            worker.assigned = phase;
            LockSupport.unpark(worker.thread);
        }

        private void finished(Worker worker) {
            push(worker);
            busy.decrementAndGet();
        }

        private void push(Worker worker) {
            Worker head;
            do {
                head = idle.get();
                worker.next = head;
            } while (!idle.compareAndSet(head, worker));
        }

        private Worker pop() {
            Worker head;
            do {
                head = idle.get();
                if (head == null) {
                    return null;
                }
            } while (!idle.compareAndSet(head, head.next));
            head.next = null;
            return head;
        }

        /** Closes the socket of a request that has run longer than the request timeout. */
        private void expireRequests() {
            while (true) {
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
                long at = now();
                for (Worker worker : workers) {
                    worker.connection.expire(at);
                }
            }
        }

        /** What a client thread does with a slot: the phase's request, once (open loop) or until the end. */
        record Phase(PhaseStats stats, RequestTemplate requests, OnSuccess onSuccess, boolean closedLoop, long end) {

            void execute(Worker worker) {
                Bytes request = worker.request.reset();
                Connection connection = worker.connection;
                long opened = connection.opened;
                long retries = connection.staleRetries;
                Response response = null;
                Exception error = null;
                long start = now();
                try {
                    requests.write(request);
                    response = connection.exchange(request.array(), request.length());
                } catch (IOException | RuntimeException e) {
                    error = e;
                }
                long end = now();
                stats.connections(connection.opened - opened, connection.staleRetries - retries);
                stats.complete(response, error, start, end, onSuccess);
            }
        }

        /** A client thread: parks until handed a phase, runs it, goes back on the idle stack. */
        static final class Worker implements Runnable {
            final Driver driver;
            final Connection connection;
            final Bytes request = new Bytes(512);
            volatile Phase assigned;
            Worker next;
            Thread thread;

            Worker(Driver driver, Connection connection) {
                this.driver = driver;
                this.connection = connection;
            }

            @Override
            public void run() {
                while (true) {
                    Phase phase = assigned;
                    if (phase == null) {
                        LockSupport.park(this);
                        continue;
                    }
                    if (phase == STOP) {
                        connection.close();
                        return;
                    }
                    assigned = null;
                    try {
                        do {
                            phase.execute(this);
                        } while (phase.closedLoop() && now() < phase.end());
                    } catch (RuntimeException e) {
                        log("client thread: %s", e);
                    }
                    driver.finished(this);
                }
            }
        }
    }

    /** Where the measured requests go: host, port and path prefix of {@code --base-url}, as prepared bytes. */
    record Target(boolean https, String host, int port, String hostHeader, String basePath) {
        static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

        static Target of(String baseUrl) {
            URI uri;
            try {
                uri = new URI(baseUrl);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("--base-url " + baseUrl + " is not a URL: " + e.getMessage());
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("--base-url must be http://host[:port][/path] or https://...");
            }
            boolean https = scheme.equals("https");
            int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
            String hostHeader = uri.getPort() != -1 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
            String basePath = uri.getRawPath() == null ? "" : uri.getRawPath();
            return new Target(https, uri.getHost(), port, hostHeader, basePath);
        }

        /**
         * The request line and headers: complete for a request without body, up to and including
         * {@code "Content-Length: "} when {@code withBody}, to be followed by the length, {@link #END_OF_HEAD}
         * and the JSON body.
         */
        byte[] requestHead(String method, String path, String bearerToken, boolean withBody) {
            StringBuilder head = new StringBuilder(256)
                    .append(method).append(' ').append(basePath).append(path).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(hostHeader).append("\r\n");
            if (bearerToken != null) {
                head.append("Authorization: Bearer ").append(bearerToken).append("\r\n");
            }
            head.append(withBody ? "Content-Type: application/json\r\nContent-Length: " : "\r\n");
            return head.toString().getBytes(StandardCharsets.UTF_8);
        }

        Socket connect() throws IOException {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
                if (!https) {
                    return socket;
                }
                SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                        .createSocket(socket, host, port, true);
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                return tls;
            } catch (IOException | RuntimeException e) {
                socket.close();
                throw e;
            }
        }
    }

    /** A growable byte buffer, reused from request to request. */
    static final class Bytes {
        private byte[] data;
        private int length;

        Bytes(int capacity) {
            this.data = new byte[capacity];
        }

        Bytes reset() {
            length = 0;
            return this;
        }

        Bytes append(byte[] bytes) {
            return append(bytes, 0, bytes.length);
        }

        Bytes append(byte[] bytes, int offset, int count) {
            ensure(count);
            System.arraycopy(bytes, offset, data, length, count);
            length += count;
            return this;
        }

        /** Appends a non-negative number in decimal ASCII. */
        Bytes appendDecimal(long value) {
            int digits = digits(value);
            ensure(digits);
            for (int i = length + digits - 1; i >= length; i--) {
                data[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            length += digits;
            return this;
        }

        static int digits(long value) {
            int digits = 1;
            for (long rest = value; rest >= 10; rest /= 10) {
                digits++;
            }
            return digits;
        }

        byte[] array() {
            return data;
        }

        int length() {
            return length;
        }

        String text() {
            return new String(data, 0, length, StandardCharsets.UTF_8);
        }

        private void ensure(int extra) {
            if (length + extra > data.length) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, length + extra));
            }
        }
    }

    /** The last response of a {@link Connection}, valid until its next request. */
    static final class Response {
        private final Bytes body = new Bytes(1024);
        private int status;
        private long contentLength;
        private boolean chunked;
        private boolean close;

        int status() {
            return status;
        }

        String bodyText() {
            return body.text();
        }
    }

    /**
     * One HTTP/1.1 keep-alive connection on a blocking socket, used by one thread: the request goes out in
     * one write, the response is read through a reused buffer (status line, headers up to the empty line,
     * then the body by Content-Length, chunked, or up to the close). It reconnects when the server closed
     * the connection ({@code Connection: close}, or an idle connection found closed when reused; such a
     * request is sent again once on a new connection, as it cannot have reached the server).
     *
     * <p>The socket has no read timeout, since a timed read on a blocking socket costs two more system
     * calls (a non-blocking read and a poll); instead {@link #expire} closes the socket of a request that
     * has run longer than the request timeout, from the driver's watchdog thread.
     */
    static final class Connection {
        private static final int MAX_LINE = 8192;
        private static final int MAX_BODY = 16 << 20;
        private static final long TIMEOUT_NANOS = REQUEST_TIMEOUT.toNanos();

        private final Target target;
        private final byte[] buffer = new byte[16 * 1024];
        private final byte[] line = new byte[MAX_LINE];
        private final Response response = new Response();
        private int pos;
        private int limit;
        private boolean received;
        private Socket socket;
        private InputStream input;
        private OutputStream output;
        /** Guarded by this: 0 when idle, the time the request in flight times out, -1 once it timed out. */
        private long deadline;
        long opened;
        long staleRetries;

        Connection(Target target) {
            this.target = target;
        }

        Response exchange(byte[] request, int length) throws IOException {
            long requestDeadline = now() + TIMEOUT_NANOS;
            synchronized (this) {
                deadline = requestDeadline;
            }
            try {
                boolean reused = socket != null && pos == limit;
                if (!reused) {
                    close();
                    open();
                }
                try {
                    return attempt(request, length);
                } catch (IOException e) {
                    close();
                    if (timedOut()) {
                        throw timeout();
                    }
                    if (!reused || received || e instanceof SocketTimeoutException) {
                        throw e;
                    }
                }
                staleRetries++;
                open();
                try {
                    return attempt(request, length);
                } catch (IOException e) {
                    close();
                    throw timedOut() ? timeout() : e;
                }
            } finally {
                synchronized (this) {
                    if (deadline < 0) {
                        closeSocket();
                    }
                    deadline = 0;
                }
            }
        }

        /** Called by the watchdog: aborts the request in flight when it is past its deadline. */
        synchronized void expire(long at) {
            if (deadline > 0 && at > deadline) {
                deadline = -1;
                closeSocket();
            }
        }

        synchronized void close() {
            closeSocket();
        }

        private Response attempt(byte[] request, int length) throws IOException {
            received = false;
            output.write(request, 0, length);
            readResponse();
            if (response.close) {
                close();
            }
            return response;
        }

        private void open() throws IOException {
            Socket opening = target.connect();
            synchronized (this) {
                if (deadline < 0) {
                    opening.close();
                    throw timeout();
                }
                socket = opening;
            }
            input = opening.getInputStream();
            output = opening.getOutputStream();
            pos = 0;
            limit = 0;
            opened++;
        }

        private synchronized boolean timedOut() {
            return deadline < 0;
        }

        private void closeSocket() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing anyway
                }
                socket = null;
            }
        }

        private static SocketTimeoutException timeout() {
            return new SocketTimeoutException("no complete response within " + REQUEST_TIMEOUT.toSeconds() + " s");
        }

        private void readResponse() throws IOException {
            Response r = response;
            int status;
            do {
                status = readHead(r);
            } while (status / 100 == 1 && status != 101);
            if (status == 101) {
                throw new ProtocolException("unexpected 101 Switching Protocols");
            }
            r.status = status;
            r.body.reset();
            if (status == 204 || status == 304) {
                return;
            }
            if (r.chunked) {
                readChunked(r.body);
            } else if (r.contentLength >= 0) {
                readFixed(r.body, r.contentLength);
            } else {
                readToEnd(r.body);
                r.close = true;
            }
        }

        /** Reads the status line and the headers, returns the status code. */
        private int readHead(Response r) throws IOException {
            int n = readLine();
            if (n < 12 || !startsWith(line, "HTTP/1.") || line[8] != ' '
                    || !isDigit(line[9]) || !isDigit(line[10]) || !isDigit(line[11])) {
                throw new ProtocolException("bad status line: " + new String(line, 0, n, StandardCharsets.ISO_8859_1));
            }
            int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
            r.close = line[7] == '0';
            r.chunked = false;
            r.contentLength = -1;
            while ((n = readLine()) > 0) {
                int colon = 0;
                while (colon < n && line[colon] != ':') {
                    colon++;
                }
                if (colon == 0 || colon == n) {
                    throw new ProtocolException("bad header line");
                }
                int from = colon + 1;
                while (from < n && (line[from] == ' ' || line[from] == '\t')) {
                    from++;
                }
                int to = n;
                while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
                    to--;
                }
                if (nameIs(colon, "content-length")) {
                    r.contentLength = parseLength(from, to);
                } else if (nameIs(colon, "transfer-encoding")) {
                    r.chunked = contains(from, to, "chunked");
                } else if (nameIs(colon, "connection")) {
                    if (contains(from, to, "close")) {
                        r.close = true;
                    } else if (contains(from, to, "keep-alive")) {
                        r.close = false;
                    }
                }
            }
            return status;
        }

        private void readChunked(Bytes body) throws IOException {
            while (true) {
                int n = readLine();
                long size = 0;
                int i = 0;
                for (; i < n; i++) {
                    int digit = Character.digit(line[i], 16);
                    if (digit < 0) {
                        break;
                    }
                    size = size * 16 + digit;
                    if (size > MAX_BODY) {
                        throw new ProtocolException("chunk larger than " + MAX_BODY + " bytes");
                    }
                }
                if (i == 0 || i < n && line[i] != ';' && line[i] != ' ' && line[i] != '\t') {
                    throw new ProtocolException("bad chunk size line");
                }
                if (size == 0) {
                    while (readLine() > 0) {
                        // trailer fields are ignored
                    }
                    return;
                }
                readFixed(body, size);
                if (readLine() != 0) {
                    throw new ProtocolException("chunk not followed by CRLF");
                }
            }
        }

        private void readFixed(Bytes body, long length) throws IOException {
            if (body.length() + length > MAX_BODY) {
                throw new ProtocolException("response body larger than " + MAX_BODY + " bytes");
            }
            long remaining = length;
            while (remaining > 0) {
                if (pos == limit) {
                    fill();
                }
                int count = (int) Math.min(limit - pos, remaining);
                body.append(buffer, pos, count);
                pos += count;
                remaining -= count;
            }
        }

        private void readToEnd(Bytes body) throws IOException {
            while (true) {
                if (pos == limit) {
                    int n = input.read(buffer, 0, buffer.length);
                    if (n < 0) {
                        return;
                    }
                    pos = 0;
                    limit = n;
                }
                if (body.length() + limit - pos > MAX_BODY) {
                    throw new ProtocolException("response body larger than " + MAX_BODY + " bytes");
                }
                body.append(buffer, pos, limit - pos);
                pos = limit;
            }
        }

        /** Reads one line into {@link #line} without its CRLF (or bare LF) and returns its length. */
        private int readLine() throws IOException {
            int n = 0;
            while (true) {
                if (pos == limit) {
                    fill();
                }
                byte b = buffer[pos++];
                if (b == '\n') {
                    return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
                }
                if (n == MAX_LINE) {
                    throw new ProtocolException("response line longer than " + MAX_LINE + " bytes");
                }
                line[n++] = b;
            }
        }

        private void fill() throws IOException {
            int n = input.read(buffer, 0, buffer.length);
            if (n < 0) {
                throw new EOFException(received ? "connection closed within the response"
                        : "connection closed before the response");
            }
            received = true;
            pos = 0;
            limit = n;
        }

        private boolean nameIs(int length, String lowerCaseName) {
            if (length != lowerCaseName.length()) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                if ((line[i] | 0x20) != lowerCaseName.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        /** Whether line[from, to) contains the lower-case ASCII token, ignoring case. */
        private boolean contains(int from, int to, String token) {
            outer:
            for (int start = from; start + token.length() <= to; start++) {
                for (int i = 0; i < token.length(); i++) {
                    int c = line[start + i];
                    if (c >= 'A' && c <= 'Z') {
                        c += 'a' - 'A';
                    }
                    if (c != token.charAt(i)) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        private long parseLength(int from, int to) throws ProtocolException {
            if (from == to || to - from > 18) {
                throw new ProtocolException("bad Content-Length");
            }
            long value = 0;
            for (int i = from; i < to; i++) {
                if (!isDigit(line[i])) {
                    throw new ProtocolException("bad Content-Length");
                }
                value = value * 10 + (line[i] - '0');
            }
            return value;
        }

        private static boolean startsWith(byte[] bytes, String prefix) {
            for (int i = 0; i < prefix.length(); i++) {
                if (bytes[i] != prefix.charAt(i)) {
                    return false;
                }
            }
            return true;
        }

        private static boolean isDigit(byte b) {
            return b >= '0' && b <= '9';
        }
    }

    /** Outcome counters and latencies of one phase; the window is the time requests were started in. */
    static final class PhaseStats {
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

    /**
     * The ledger checked against what the receiver saw, after the drain. A send's final status is its
     * {@code read}, or its {@code failed} (the template mode's recipients are not on the network).
     */
    record Audit(long tracked, long lost, long unknownWamids, long drainNanos, Histogram sendToRead,
                 long finalDrainNanos, Histogram sendToFinal, Map<String, Long> limitRefusals) {

        static Audit of(Ledger ledger, Receiver receiver, Map<String, Long> limitRefusals) {
            long lost = 0;
            long lastRead = 0;
            long lastFinal = 0;
            Histogram sendToRead = new Histogram();
            Histogram sendToFinal = new Histogram();
            for (Map.Entry<String, Ledger.Send> entry : ledger.sends.entrySet()) {
                Arrivals arrivals = receiver.arrivals(entry.getKey());
                long finalAt = arrivals == null ? 0 : arrivals.complete() ? arrivals.at(Arrivals.READ)
                        : arrivals.at(Arrivals.FAILED);
                if (finalAt > 0) {
                    lastFinal = Math.max(lastFinal, finalAt);
                    if (entry.getValue().measured()) {
                        sendToFinal.record(finalAt - entry.getValue().start());
                    }
                }
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
            long finalDrain = lastFinal == 0 ? -1 : Math.max(0, lastFinal - ledger.lastAccept.get());
            return new Audit(ledger.sends.size(), lost, unknown, drain, sendToRead, finalDrain, sendToFinal,
                    limitRefusals);
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
            // The run is sized to stay within every limit, so a refusal for one is a finding.
            limitRefusals.forEach((code, count) -> addIfPositive(problems, "refused_" + code, count));
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
        /** Few threads: the receiver shares the cores with the server under test. */
        private static final int RECEIVER_THREADS = 4;

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
            ExecutorService pool = Executors.newFixedThreadPool(RECEIVER_THREADS, daemonThreads("webhook"));
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

    /**
     * Checks {@code X-Hub-Signature-256: sha256=<lower-case hex HMAC-SHA256(app secret, raw body)>}, with one
     * Mac per receiver thread and without building the expected header as a string.
     */
    static final class Signer {
        private static final String PREFIX = "sha256=";

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
            byte[] digest = mac.get().doFinal(body);
            if (header == null || header.length() != PREFIX.length() + 2 * digest.length
                    || !header.startsWith(PREFIX)) {
                return false;
            }
            int difference = 0;
            for (int i = 0, at = PREFIX.length(); i < digest.length; i++, at += 2) {
                int high = lowerHex(header.charAt(at));
                int low = lowerHex(header.charAt(at + 1));
                difference |= ((high | low) & 0x100) | (((high << 4) | low) ^ (digest[i] & 0xff));
            }
            return difference == 0;
        }

        /** The value of a lower-case hex digit, or 0x100 for any other character. */
        private static int lowerHex(char c) {
            if (c >= '0' && c <= '9') {
                return c - '0';
            }
            if (c >= 'a' && c <= 'f') {
                return c - 'a' + 10;
            }
            return 0x100;
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
