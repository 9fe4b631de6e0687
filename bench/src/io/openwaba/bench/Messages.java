package io.openwaba.bench;

import io.openwaba.bench.client.Bytes;
import io.openwaba.bench.client.RequestTemplate;
import io.openwaba.bench.client.Target;
import io.openwaba.bench.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The sends of either mode, assembled from prepared bytes, numbered from 0 across the warm-up and the window. */
final class Messages {

    static final String TEMPLATE_NAME = "order_update";
    private static final String TEMPLATE_LANGUAGE = "en_US";
    /** Template recipients: +49 151 5000 0000 and up, away from the foundation customers and the demo ones. */
    private static final long FIRST_TEMPLATE_CUSTOMER = 4915150000000L;

    private final Target target;
    private final Sandbox sandbox;
    private final AtomicLong messageCounter = new AtomicLong();

    Messages(Target target, Sandbox sandbox) {
        this.target = target;
        this.sandbox = sandbox;
    }

    /** How many sends were written so far. */
    long count() {
        return messageCounter.get();
    }

    /**
     * The send {@code {"messaging_product":"whatsapp","to":"<wa_id>","type":"text","text":{"body":"load test <n>"}}},
     * assembled from prepared bytes: only the content length and the message number are formatted per send.
     * Send {@code n} goes to customer {@code n % customers} from that customer's number, round-robin over the
     * (number, customer) pairs and so over the numbers.
     */
    RequestTemplate textReplies(List<String> numbers, List<String> customers) {
        byte[][] heads = heads(numbers);
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
    RequestTemplate templates(List<String> numbers, long customers) {
        byte[][] heads = heads(numbers);
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
    private byte[][] heads(List<String> numbers) {
        return numbers.stream()
                .map(id -> target.requestHead("POST", "/" + sandbox.graphVersion() + "/" + id + "/messages",
                        sandbox.accessToken(), true))
                .toArray(byte[][]::new);
    }
}
