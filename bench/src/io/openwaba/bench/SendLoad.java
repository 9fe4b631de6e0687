package io.openwaba.bench;

import io.openwaba.bench.client.Driver;
import io.openwaba.bench.client.OnSuccess;
import io.openwaba.bench.client.RequestTemplate;
import io.openwaba.bench.client.Target;
import io.openwaba.bench.meta.MinimalMeta;
import io.openwaba.bench.receiver.Receiver;
import io.openwaba.bench.report.Report;
import io.openwaba.bench.shared.DaemonThreads;
import io.openwaba.bench.shared.Elapsed;
import io.openwaba.bench.stats.Audit;
import io.openwaba.bench.stats.Ledger;
import io.openwaba.bench.stats.PhaseStats;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static io.openwaba.bench.report.Format.fixed;
import static io.openwaba.bench.report.Format.millis;
import static io.openwaba.bench.report.Format.number;
import static io.openwaba.bench.shared.Elapsed.now;
import static io.openwaba.bench.shared.Log.log;

/**
 * Load generator for the openwaba send path, run against an already running server.
 *
 * <p>It sends messages through {@code POST /{version}/{phone_number_id}/messages} at a fixed
 * open-loop rate (or closed loop with {@code --rate 0}) and measures how many sends are accepted and
 * how long each takes until the response is complete. The sends stay within the number-health limits
 * (the number's throughput, the pair rate per (number, customer) pair, the messaging-limit tier's unique
 * customers per 24 h), which it reads from the server at setup ({@link BusinessNumbers}), so that a correct
 * run has no refusal (130429, 131056, 131048); the report counts refusals by Graph error code.
 *
 * <p>Two modes. {@code foundation} (the default): text replies inside open customer service windows. It
 * registers {@code --numbers - 1} numbers beside the demo number under the demo WABA (with the admin token),
 * creates {@code --customers} simulated customers, each writing to one number, and sends round-robin over
 * these (number, customer) pairs: at 1,000/s over 16 numbers and 10,000 pairs that is 62.5/s per number and
 * one send per pair every 10 s. {@code templates}: the demo template outside any window to a new generated
 * customer each time, from numbers set to TIER_100K and 1,000 messages/s (see {@link Messages#templates}).
 * With {@code --meta-url} the foundation mode runs against a cloud node relaying to a sandbox node that plays
 * Meta ({@link Relay}; {@code bench/relay.sh} starts both), with {@code --minimal-meta} against a minimal Meta
 * that the generator runs itself ({@link io.openwaba.bench.meta.MinimalMeta}), which measures the cloud node
 * without a second openwaba on the machine.
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
 * (package {@code client}): {@code --clients} threads, each with one blocking keep-alive socket, writing
 * each request with a single write from a reused buffer. The JDK HttpClient costs several times more
 * CPU per request, which matters when load generator, server and receiver share a few cores; it is
 * only used for the setup calls ({@link SetupClient}). In open loop a scheduler hands out send slots at
 * {@code --rate} per second to idle client threads and counts a slot that finds none idle as shed; in
 * closed loop every client thread sends back to back. Latency runs from the start of the send to the end of
 * the response.
 *
 * <p>Packages: {@code client} (the HTTP/1.1 client and the driver of the client threads), {@code receiver}
 * (the webhook endpoint), {@code stats} (counters, latencies, the ledger of sends and its audit),
 * {@code report} (the key/value report), {@code json} (the JSON reader and quoting of setup, receiver and
 * ledger), {@code shared} (the log, the clock and thread names); this one holds the options, the setup and
 * the modes. Run: {@code bench/load.sh [--rate 1000] [--duration 60] ...} (it compiles bench/src with javac
 * first); {@code --help} lists all options. Progress goes to stderr, the report to stdout. Exit code 0 when
 * no status was lost, duplicated or badly signed, 1 otherwise, 2 when the run could not be set up.
 */
public class SendLoad {

    private final Options options;
    private final Target target;
    private final SetupClient setup;
    private final Driver driver;
    private final Ledger ledger = new Ledger();
    private final ScheduledExecutorService ticker =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("progress"));

    public static void main(String[] args) {
        Elapsed.now(); // the log lines count from here
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
        this.setup = new SetupClient(options.baseUrl(), options.adminToken(), options.clients());
        this.driver = new Driver(target, options.clients());
    }

    private int run() throws Exception {
        if (options.minimalMetaPort() > 0) {
            return runOnMinimalMeta();
        }
        boolean relay = options.relay();
        // The network the customers are on: the server itself, or in relay mode the sandbox node that plays Meta.
        SetupClient network = relay ? new SetupClient(options.metaUrl(), options.adminToken(), options.clients()) : setup;
        try {
            long setupStart = now();
            Sandbox onNetwork = Sandbox.from(sandboxInfo(network, relay ? options.metaUrl() : options.baseUrl()));
            BusinessNumbers networkNumbers = BusinessNumbers.prepare(options, onNetwork, network);
            Sandbox sandbox = onNetwork;
            BusinessNumbers numbers = networkNumbers;
            if (relay) {
                Relay.Mirrored mirrored = Relay.mirror(options, onNetwork, networkNumbers, network, setup);
                sandbox = mirrored.business();
                numbers = mirrored.numbers();
            }
            try (Receiver receiver = Receiver.start(options.receiverPort(), sandbox.appSecret())) {
                log("webhook receiver on %s", receiver.callbackUrl());
                return load(sandbox, numbers, network, networkNumbers, receiver, setupStart, relay);
            }
        } finally {
            driver.close();
            ticker.shutdownNow();
            setup.close();
            network.close();
        }
    }

    /** The cloud node relaying to the generator's minimal Meta, which also plays the customers. */
    private int runOnMinimalMeta() throws Exception {
        try (MinimalMeta meta = MinimalMeta.start(options.minimalMetaPort(), options.baseUrl(), options.metaAppSecret(),
                Duration.ofMillis(options.metaLatencyMs()), Relay.MINIMAL_META_WABA)) {
            long setupStart = now();
            Relay.Mirrored business = Relay.onMinimalMeta(options, setup);
            try (Receiver receiver = Receiver.start(options.receiverPort(), business.business().appSecret())) {
                log("minimal Meta on %s answering after %d ms, webhook receiver on %s", meta.url(),
                        options.metaLatencyMs(), receiver.callbackUrl());
                List<String> metaIds = Relay.minimalMetaIds(options);
                Customers.Prepare customers = waIds -> {
                    log("%d customers write to the cloud node's numbers through the minimal Meta", waIds.size());
                    for (int i = 0; i < waIds.size(); i++) {
                        meta.customerMessage(metaIds.get(i % metaIds.size()), waIds.get(i));
                    }
                };
                int exit = load(business.business(), business.numbers(), customers, receiver, setupStart, true);
                log("minimal Meta: %d sends taken, %d webhooks posted, %d attempts refused (tried again)", meta.sends.sum(),
                        meta.webhooksPosted.sum(), meta.webhooksRefused.sum());
                return exit;
            }
        } finally {
            driver.close();
            ticker.shutdownNow();
            setup.close();
        }
    }

    private int load(Sandbox sandbox, BusinessNumbers numbers, SetupClient network, BusinessNumbers networkNumbers,
                     Receiver receiver, long setupStart, boolean relay) throws Exception {
        return load(sandbox, numbers, waIds -> Customers.open(waIds, network, networkNumbers), receiver, setupStart,
                relay);
    }

    private int load(Sandbox sandbox, BusinessNumbers numbers, Customers.Prepare opener,
                     Receiver receiver, long setupStart, boolean relay) throws Exception {
        Subscription.create(setup, sandbox, receiver);
        Messages messages = new Messages(target, sandbox);
        Audit audit;
        Report report;
        try {
            RequestTemplate sends;
            if (options.mode() == Mode.TEMPLATES) {
                sends = messages.templates(numbers.ids(), options.customers());
            } else {
                List<String> customers = Customers.prepare(options, numbers, opener);
                if (relay) {
                    awaitWindows(receiver, customers.size());
                }
                sends = messages.textReplies(numbers.ids(), customers);
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
            PhaseResult ceiling = relay ? null : measureCeiling(receiver);
            audit = Audit.of(ledger, receiver, limitRefusals(warmup.stats(), measured.stats()));
            report = report(warmup, measured, ceiling, receiver, audit, drained, overallDeliveryRate,
                    numbers, messages, setupSeconds);
        } finally {
            Subscription.delete(setup, sandbox);
        }
        report.print(System.out);
        return audit.passed(receiver) ? 0 : 1;
    }

    /**
     * In relay mode a customer's window opens on the cloud node only when Meta's webhook for their message
     * has been applied there, which the business's webhook for it shows.
     */
    private static void awaitWindows(Receiver receiver, int customers) throws InterruptedException {
        long deadline = now() + TimeUnit.SECONDS.toNanos(120);
        while (receiver.inboundMessages.sum() < customers) {
            if (now() > deadline) {
                throw new IllegalStateException("only " + receiver.inboundMessages.sum() + " of " + customers
                        + " customers' messages reached the cloud node in 120 s");
            }
            Thread.sleep(100);
        }
        log("all %d customers' messages reached the cloud node: their windows are open", customers);
    }

    /** Refusals for the number-health limits in warm-up and measured window together, by Graph error code. */
    private static Map<String, Long> limitRefusals(PhaseStats... phases) {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String code : PhaseStats.LIMIT_CODES) {
            long sum = 0;
            for (PhaseStats phase : phases) {
                sum += phase.refusals(code);
            }
            counts.put(code, sum);
        }
        return counts;
    }

    private static Map<String, Object> sandboxInfo(SetupClient network, String url) throws InterruptedException {
        try {
            return network.getJson("/sandbox/info");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + url + "/sandbox/info: " + e, e);
        }
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
        OnSuccess accept = (response, start, end) ->
                ledger.accept(response.bodyText(), start, end, measured);
        return runPhase(name, options.rate(), seconds, sends, accept, receiver);
    }

    private PhaseResult runPhase(String name, double rate, int seconds, RequestTemplate requests,
                                 OnSuccess onSuccess, Receiver receiver) throws InterruptedException {
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
        if (!driver.awaitIdle(Driver.REQUEST_TIMEOUT.multipliedBy(2))) {
            log("%s: requests still in flight after %s", name, Driver.REQUEST_TIMEOUT.multipliedBy(2));
        }
        log("%s: done, %s", name, stats.progress());
        return new PhaseResult(stats, deliveriesInWindow);
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
                          Audit audit, boolean drained, double overallDeliveryRate, BusinessNumbers numbers,
                          Messages messages, double setupSeconds) {
        PhaseStats sends = measured.stats();
        boolean templates = options.mode() == Mode.TEMPLATES;
        Report report = new Report()
                .section("configuration")
                .put("base_url", options.baseUrl())
                .put("relayed_to", options.minimalMetaPort() > 0
                        ? "the generator's minimal Meta on port " + options.minimalMetaPort() + ", answering after "
                                + options.metaLatencyMs() + " ms"
                        : options.metaUrl().isEmpty() ? "none (sandbox network)"
                        : options.metaUrl() + " (a sandbox node playing Meta)")
                .put("mode", options.mode().label() + (templates
                        ? " (" + Messages.TEMPLATE_NAME + " outside any window, each send to a new customer)"
                        : " (text replies inside open windows)"))
                .put("target_rate_per_s", options.rate() > 0 ? number(options.rate()) : "closed loop")
                .put("duration_s", options.duration())
                .put("warmup_s", options.warmup())
                .put("clients", options.clients())
                .put("numbers", numbers.size())
                .put("customers", templates
                        ? options.customers() + " generated wa_ids, " + messages.count() + " used"
                        : options.customers())
                .put("number_customer_pairs", templates ? messages.count() : options.customers())
                .put("throughput_per_number", options.throughput() > 0 ? options.throughput()
                        : serverThroughput(numbers))
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

    /** The numbers' own throughput, left as it was: the server's default on numbers nobody changed. */
    private static String serverThroughput(BusinessNumbers numbers) {
        OptionalInt throughput = numbers.throughput();
        return "server default (" + (throughput.isPresent() ? String.valueOf(throughput.getAsInt()) : "not reported")
                + ")";
    }
}
