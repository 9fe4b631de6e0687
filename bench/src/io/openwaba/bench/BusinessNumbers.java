package io.openwaba.bench;

import io.openwaba.bench.json.Json;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static io.openwaba.bench.shared.Log.log;

/**
 * The business numbers the sends go out from, and their limits as the server reported them once they were set
 * up (none from a server without number health).
 */
record BusinessNumbers(List<String> ids, List<NumberLimits> limits) {

    /** Numbers registered for the load: +49 176 1111 0000 and up. */
    private static final long FIRST_BENCH_NUMBER = 4917611110000L;
    /**
     * How long to wait after changing a number's settings. Not a limit but the server's internal cache of a
     * number (one second, not exposed): a send racing the change may keep the old settings that long.
     */
    private static final long NUMBER_CACHE_MILLIS = 1_500;

    /**
     * The demo number first, then {@code --numbers - 1} numbers {@code +49 176 1111 0000}, {@code 0001}, ... under
     * the demo WABA, registered unless the WABA already has them (the server refuses more than the WABA may
     * hold). Each gets the throughput and the tier asked for (the server refuses a tier its profile does not
     * have); then their limits are read back.
     */
    static BusinessNumbers prepare(Options options, Sandbox sandbox, SetupClient setup) throws InterruptedException {
        List<String> ids = new ArrayList<>(List.of(sandbox.phoneNumberId()));
        if (options.numbers() > 1) {
            Map<String, String> existing = new LinkedHashMap<>();
            for (Object number : Json.list(setup.adminJson("GET", "/api/wabas/" + sandbox.wabaId() + "/phone-numbers",
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
                Object created = setup.adminJson("POST", "/api/wabas/" + sandbox.wabaId() + "/phone-numbers", body,
                        Set.of(200, 201));
                ids.add(Json.text(Json.object(created).get("id")));
            }
        }
        boolean changed = false;
        if (options.throughput() > 0) {
            log("setting %d messages/s throughput on %d numbers", options.throughput(), ids.size());
            setup.sendAll("set throughput", ids.stream()
                    .map(id -> setup.admin("PUT", "/api/phone-numbers/" + id + "/throughput",
                            "{\"messages_per_second\":" + options.throughput() + "}"))
                    .toList(), Set.of(200, 204));
            changed = true;
        }
        if (!options.tier().isEmpty()) {
            log("setting messaging-limit tier %s on %d numbers", options.tier(), ids.size());
            setup.sendAll("set tier", ids.stream()
                    .map(id -> setup.admin("PUT", "/api/phone-numbers/" + id + "/messaging-limit",
                            "{\"tier\":" + Json.quote(options.tier()) + "}"))
                    .toList(), Set.of(200, 204));
            changed = true;
        }
        BusinessNumbers numbers = new BusinessNumbers(List.copyOf(ids), readLimits(sandbox, setup, ids));
        numbers.check(options);
        if (changed) {
            Thread.sleep(NUMBER_CACHE_MILLIS);
        }
        return numbers;
    }

    /** The lowest throughput of the numbers, in messages per second, if the server reported it. */
    OptionalInt throughput() {
        return limits.stream().mapToInt(NumberLimits::messagesPerSecond).min();
    }

    /** The pair rate limit's interval (the same for every number), if the server reported it. */
    Optional<Duration> pairInterval() {
        return limits.stream().map(NumberLimits::pairInterval).filter(Objects::nonNull).findFirst();
    }

    int size() {
        return ids.size();
    }

    /** Numbers set up elsewhere (the cloud node's mirror of Meta's), with their limits as the server reports them. */
    static BusinessNumbers read(Sandbox business, SetupClient setup, List<String> ids) throws InterruptedException {
        return new BusinessNumbers(List.copyOf(ids), readLimits(business, setup, ids));
    }

    /**
     * Each number's health view, read with the business's own token (so a run without {@code --admin-token}
     * reads it too). A server from before number health has no such view and no limits to check.
     */
    private static List<NumberLimits> readLimits(Sandbox sandbox, SetupClient setup, List<String> ids)
            throws InterruptedException {
        List<HttpResponse<String>> views = setup.sendAll("read number limits", ids.stream()
                .map(id -> setup.get("/api/phone-numbers/" + id + "/health", sandbox.accessToken()))
                .toList(), Set.of(200, 404));
        if (views.stream().anyMatch(view -> view.statusCode() == 404)) {
            log("GET /api/phone-numbers/{id}/health answered HTTP 404: the server reports no number limits,"
                    + " the load is not checked against them");
            return List.of();
        }
        return views.stream().map(view -> NumberLimits.from(Json.object(Json.parse(view.body())))).toList();
    }

    /** Warns when jitter may exceed a number's throughput; refuses templates that the tier set cannot take. */
    private void check(Options options) {
        double perNumber = options.rate() / ids.size();
        OptionalInt throughput = throughput();
        if (options.rate() > 0 && throughput.isPresent() && perNumber > 0.8 * throughput.getAsInt()) {
            log("warning: %.1f sends/s per number is over 80 %% of its %d/s throughput; jitter may exceed it",
                    perNumber, throughput.getAsInt());
        }
        if (options.mode() == Mode.TEMPLATES && !options.tier().isEmpty()) {
            long customersPerNumber = (options.plannedSends() + ids.size() - 1) / ids.size();
            for (NumberLimits number : limits) {
                if (number.messagingLimit() != null && customersPerNumber > number.messagingLimit()) {
                    throw new IllegalArgumentException(customersPerNumber + " new customers per number exceed "
                            + number.tier() + " (" + number.messagingLimit() + " per 24 h): use more --numbers,"
                            + " a higher --tier or fewer sends");
                }
            }
        }
    }
}
