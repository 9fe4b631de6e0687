package io.openwaba.bench;

import java.util.LinkedHashMap;
import java.util.Map;
/**
 * The options; {@code numbers}, {@code customers}, {@code throughput} and {@code tier} are already resolved
 * for the mode ({@code throughput} 0 and {@code tier} "" mean: leave the numbers' own setting).
 */
record Options(String baseUrl, int duration, double rate, int clients, int customers, int warmup,
               int receiverPort, int drainTimeout, int pingDuration, Mode mode, int numbers,
               String adminToken, int throughput, String tier, String metaUrl, String metaVerifyToken,
               int minimalMetaPort, String metaAppSecret, int metaLatencyMs) {

    static final String USAGE = """
            usage: bench/load.sh [options]   (compiles bench/src and runs io.openwaba.bench.SendLoad)
              --base-url URL         server to load (default http://localhost:8080)
              --mode M               foundation: text replies inside open customer service windows,
                                     spread round-robin over (number, customer) pairs;
                                     templates: the demo template order_update outside any window,
                                     every send to a new customer (default foundation)
              --duration S           seconds of measured load (default 60)
              --rate N               target sends/s, open loop; 0 = closed loop, foundation only (default 1000)
              --clients N            client threads, one keep-alive connection each (default 64)
              --numbers N            business numbers the sends are spread over, at least 1: the demo number
                                     and N-1 numbers registered under the demo WABA, as many as it may hold
                                     (the server refuses more; 25 under its classic profile) (default 16 in
                                     foundation mode, 2 in templates mode)
              --customers N          foundation: simulated customers, each writes to one number, so N
                                     (number, customer) pairs (default 10000); templates: generated wa_ids,
                                     at least rate x (warmup + duration) (default 100000)
              --admin-token T        the server's BSP admin token (openwaba.admin.token), needed to register
                                     numbers and to set throughput and tier
              --throughput N         messages_per_second set on each number, 0 = leave it; the server refuses
                                     more than openwaba.numbers.max-messages-per-second (1000 by default)
                                     (default 0 in foundation mode, 1000 in templates mode)
              --tier T               messaging-limit tier set on each number, a tier of the server's policy
                                     profile (TIER_50, TIER_1K, TIER_10K, TIER_100K, TIER_UNLIMITED under
                                     classic; the server refuses others), or keep (default keep in foundation
                                     mode, TIER_100K in templates mode)
              --warmup S             seconds of load before measuring, discarded (default 30)
              --receiver-port P      webhook receiver port on 127.0.0.1, 0 = any free (default 0)
              --drain-timeout S      seconds to wait for the last read statuses (default 120)
              --ping-duration S      seconds of GET /sandbox/ping for the ceiling, 0 = skip (default 10)
              --meta-url URL         relay mode: the server under load runs openwaba.network=cloud and relays to
                                     this openwaba in sandbox mode, which plays Meta (same admin token); numbers
                                     and customers are set up there and mirrored, linked, on the cloud node;
                                     no ceiling is measured (the cloud node has no /sandbox/ping) (default none)
              --meta-verify-token T  the cloud node's openwaba.cloud.verify-token, for Meta's subscription
                                     (default bench-verify-token)
              --minimal-meta PORT    relay mode against a minimal Meta run by the generator on 127.0.0.1:PORT
                                     (the cloud node's openwaba.cloud.graph-url): it answers each send after
                                     --meta-latency and posts sent, delivered and read back, so the cloud
                                     node is measured without a second openwaba on the machine (default off)
              --meta-app-secret S    the cloud node's openwaba.cloud.app-secret, which signs the minimal
                                     Meta's webhooks (needed with --minimal-meta)
              --meta-latency MS      how long the minimal Meta takes to answer a send (default 0)""";

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
        values.put("meta-url", "");
        values.put("meta-verify-token", "bench-verify-token");
        values.put("minimal-meta", "0");
        values.put("meta-app-secret", "");
        values.put("meta-latency", "0");
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
                integer(values, "numbers", 1, Integer.MAX_VALUE),
                values.get("admin-token"),
                integer(values, "throughput", 0, Integer.MAX_VALUE),
                tier,
                values.get("meta-url").replaceAll("/+$", ""),
                values.get("meta-verify-token"),
                integer(values, "minimal-meta", 0, 65_535),
                values.get("meta-app-secret"),
                integer(values, "meta-latency", 0, 600_000));
        options.check();
        return options;
    }

    /** The server under load relays to Meta: a sandbox node playing it, or the generator's minimal Meta. */
    boolean relay() {
        return !metaUrl.isEmpty() || minimalMetaPort > 0;
    }

    /** Sends the run can make at most: one per slot of the warm-up and the measured window. */
    long plannedSends() {
        return (long) Math.ceil(rate * ((long) warmup + duration));
    }

    /** Refuses combinations that cannot give a clean run: the limits would refuse sends by design. */
    private void check() {
        if ((!metaUrl.isEmpty() || minimalMetaPort > 0) && mode != Mode.FOUNDATION) {
            throw new IllegalArgumentException("--meta-url and --minimal-meta run the foundation mode only");
        }
        if (!metaUrl.isEmpty() && minimalMetaPort > 0) {
            throw new IllegalArgumentException("--meta-url and --minimal-meta exclude each other");
        }
        if (minimalMetaPort > 0 && (metaAppSecret.isEmpty() || adminToken.isEmpty())) {
            throw new IllegalArgumentException("--minimal-meta needs --meta-app-secret and --admin-token");
        }
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
