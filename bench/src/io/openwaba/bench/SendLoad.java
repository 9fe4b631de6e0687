package io.openwaba.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * <p>Run: {@code bench/load.sh [--rate 1000] [--duration 60] ...} (it compiles bench/src first); {@code --help} lists
 * all options. Progress goes to stderr, the report to stdout. Exit code 0 when no status was lost,
 * duplicated or badly signed, 1 otherwise, 2 when the run could not be set up.
 */
public class SendLoad {

    static final long ORIGIN = System.nanoTime() - 1;
    /** Foundation customers: +49 151 0000 0000 and up (German mobile numbers, valid for the server). */
    static final long FIRST_CUSTOMER = 4915100000000L;
    /** Template recipients: +49 151 5000 0000 and up, away from the foundation customers and the demo ones. */
    static final long FIRST_TEMPLATE_CUSTOMER = 4915150000000L;
    /** Numbers registered for the load: +49 176 1111 0000 and up. */
    static final long FIRST_BENCH_NUMBER = 4917611110000L;
    /** How many numbers a verified business's WABA may hold. */
    static final int MAX_NUMBERS = 25;
    /** What one (number, customer) pair may sustain after its burst: one message in 6 s. */
    static final double PAIR_SENDS_PER_SECOND = 1 / 6.0;
    /** How long the server may keep serving a number's old settings from its cache. */
    static final long NUMBER_CACHE_MILLIS = 1_500;
    /** The Graph error codes of the number-health limits: throughput, pair rate, messaging-limit tier. */
    static final List<String> LIMIT_CODES = List.of("130429", "131056", "131048");
    static final String TEMPLATE_NAME = "order_update";
    static final String TEMPLATE_LANGUAGE = "en_US";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final Options options;
    /** The numbers' throughput the server reported at setup, in messages per second. */
    private volatile int serverThroughput;
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
    static void keepCompletionsOffThreadPerTask() {
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
    static Map<String, Long> limitRefusals(PhaseStats... phases) {
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
     * The number's limits as the server reports them ({@code GET /api/phone-numbers/{id}/health}): its
     * throughput, returned, and its messaging limit, which the planned templates to new customers must fit.
     */
    private int numberThroughput(String phoneNumberId, int numbers) throws InterruptedException {
        Map<String, Object> health = Json.object(adminJson("GET", "/api/phone-numbers/" + phoneNumberId + "/health",
                null, Set.of(200)));
        serverThroughput = Integer.parseInt(Json.text(health.get("messages_per_second")));
        Object limit = health.get("messaging_limit");
        long perNumber = (options.plannedSends() + numbers - 1) / numbers;
        if (options.mode() == Mode.TEMPLATES && limit != null && perNumber > Long.parseLong(Json.text(limit))) {
            throw new IllegalStateException(perNumber + " new customers per number exceed "
                    + Json.text(health.get("messaging_limit_tier")) + " (" + Json.text(limit)
                    + " per 24 h): use more --numbers, a higher --tier or fewer sends");
        }
        return serverThroughput;
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
        int throughput = numberThroughput(ids.get(ids.size() - 1), ids.size());
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
                        : "server default (" + serverThroughput + ")")
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

    static HttpResponse.BodyHandler<String> ofString() {
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


}
