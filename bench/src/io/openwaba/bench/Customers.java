package io.openwaba.bench;

import io.openwaba.bench.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static io.openwaba.bench.report.Format.number;
import static io.openwaba.bench.shared.Log.log;

/** The foundation mode's simulated customers, each with an open customer service window to one number. */
final class Customers {

    /** Foundation customers: +49 151 0000 0000 and up (German mobile numbers, valid for the server). */
    private static final long FIRST_CUSTOMER = 4915100000000L;

    private Customers() {
    }

    /**
     * Creates {@code --customers} simulated customers; customer {@code i} writes to number {@code i % numbers}
     * only, so that its customer service window is open, which gives as many (number, customer) pairs as
     * customers. The sends go round-robin over the customers, so each pair gets one send in
     * {@code customers / rate} seconds, and each number {@code rate / numbers} sends per second.
     */
    /** Has each customer {@code i} write to number {@code i % numbers}, which opens their window. */
    interface Prepare {
        void open(List<String> waIds) throws InterruptedException;
    }

    static List<String> prepare(Options options, BusinessNumbers numbers, Prepare opener)
            throws InterruptedException {
        List<String> waIds = IntStream.range(0, options.customers())
                .mapToObj(i -> String.valueOf(FIRST_CUSTOMER + i))
                .toList();
        Optional<Duration> pairInterval = numbers.pairInterval();
        if (options.rate() > 0 && pairInterval.isPresent()) {
            double pairSeconds = pairInterval.get().toNanos() / 1e9;
            if (options.rate() / waIds.size() > 1 / pairSeconds) {
                log("warning: %s sends/s over %d pairs is more than one send per pair in %.0f s; expect 131056",
                        number(options.rate()), waIds.size(), pairSeconds);
            }
        }
        opener.open(waIds);
        return waIds;
    }

    /** On a sandbox network: creates the customers, then each writes one message. */
    static void open(List<String> waIds, SetupClient setup, BusinessNumbers numbers) throws InterruptedException {
        List<String> ids = numbers.ids();
        log("creating %d customers, each writing to one of %d numbers", waIds.size(), ids.size());
        setup.sendAll("create customer", IntStream.range(0, waIds.size())
                .mapToObj(i -> setup.post("/sandbox/customers", null, "{\"wa_id\":" + Json.quote(waIds.get(i))
                        + ",\"name\":\"Load Customer " + i + "\",\"country\":\"DE\"}"))
                .toList(), Set.of(200, 201, 409));
        setup.sendAll("customer message", IntStream.range(0, waIds.size())
                .mapToObj(i -> setup.post("/sandbox/customers/" + waIds.get(i) + "/messages", null,
                        "{\"to\":" + Json.quote(ids.get(i % ids.size()))
                                + ",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}"))
                .toList(), Set.of(200, 201));
    }
}
