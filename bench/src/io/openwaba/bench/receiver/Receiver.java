package io.openwaba.bench.receiver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.openwaba.bench.json.Json;
import io.openwaba.bench.shared.DaemonThreads;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static io.openwaba.bench.shared.Elapsed.now;

/** The webhook endpoint: answers the verification challenge and audits each delivery. */
public final class Receiver implements AutoCloseable {
    /** Few threads: the receiver shares the cores with the server under test. */
    private static final int RECEIVER_THREADS = 4;

    public final LongAdder deliveries = new LongAdder();
    public final LongAdder verifications = new LongAdder();
    public final LongAdder badSignatures = new LongAdder();
    public final LongAdder duplicateWebhookIds = new LongAdder();
    public final LongAdder duplicateStatuses = new LongAdder();
    public final LongAdder missingWebhookIds = new LongAdder();
    public final LongAdder statusEvents = new LongAdder();
    public final LongAdder failedStatuses = new LongAdder();
    public final LongAdder inboundMessages = new LongAdder();
    public final LongAdder outOfOrder = new LongAdder();
    public final LongAdder unparseable = new LongAdder();

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

    public static Receiver start(int port, String appSecret) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        ExecutorService pool = Executors.newFixedThreadPool(RECEIVER_THREADS, DaemonThreads.named("webhook"));
        Receiver receiver = new Receiver(server, pool, new Signer(appSecret));
        server.createContext("/webhook", receiver::handle);
        server.setExecutor(pool);
        server.start();
        return receiver;
    }

    public String callbackUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
    }

    public String verifyToken() {
        return verifyToken;
    }

    public long lastDeliveryAt() {
        return lastDeliveryAt.get();
    }

    public Arrivals arrivals(String wamid) {
        return arrivals.get(wamid);
    }

    public Set<String> wamids() {
        return arrivals.keySet();
    }

    public boolean settled(String wamid) {
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
