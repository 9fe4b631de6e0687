package io.openwaba.bench.meta;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.openwaba.bench.json.Json;
import io.openwaba.bench.shared.DaemonThreads;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Meta's side of the relay at the cost of a few lines per message, for measuring the cloud node alone: it
 * answers {@code GET /{version}/{phone-number-id}} (the link check) and {@code POST /{version}/{id}/messages}
 * with a new wamid after {@code latency}, then posts {@code sent}, {@code delivered} and {@code read} to the
 * cloud node's {@code /webhooks/meta} at the sandbox's default delays (100 ms, 500 ms, 2 s), one status per
 * delivery, signed with the Meta app's secret, each carrying the message's {@code biz_opaque_callback_data}.
 * Customers' messages are posted the same way ({@link #customerMessage}). Like Meta, it posts on a bounded
 * number of connections ({@value #POSTERS}) and tries a refused delivery again ({@value #ATTEMPTS} times, a
 * second apart). It keeps no state beyond counters.
 */
public final class MinimalMeta implements AutoCloseable {

    private static final long[] STATUS_DELAYS_MS = {100, 500, 2000};
    private static final String[] STATUSES = {"sent", "delivered", "read"};
    private static final int POSTERS = 64;
    private static final int ATTEMPTS = 5;

    public final LongAdder sends = new LongAdder();
    public final LongAdder webhooksPosted = new LongAdder();
    public final LongAdder webhooksRefused = new LongAdder();

    private final HttpServer server;
    private final ScheduledExecutorService timers =
            Executors.newScheduledThreadPool(2, DaemonThreads.named("meta-timer"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService posters = Executors.newFixedThreadPool(POSTERS, DaemonThreads.named("meta-webhooks"));
    private final URI webhooks;
    private final ThreadLocal<Mac> mac;
    private final Duration latency;
    private final String wabaId;
    private final AtomicLong wamids = new AtomicLong();

    private MinimalMeta(HttpServer server, URI webhooks, String appSecret, Duration latency, String wabaId) {
        this.server = server;
        this.webhooks = webhooks;
        this.latency = latency;
        this.wabaId = wabaId;
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

    /** Listens on 127.0.0.1:{@code port} and posts webhooks to {@code cloudNode}'s {@code /webhooks/meta}. */
    public static MinimalMeta start(int port, String cloudNode, String appSecret, Duration latency, String wabaId)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        MinimalMeta meta = new MinimalMeta(server, URI.create(cloudNode + "/webhooks/meta"), appSecret, latency, wabaId);
        server.createContext("/", meta::handle);
        server.setExecutor(Executors.newFixedThreadPool(4, DaemonThreads.named("meta-http")));
        server.start();
        return meta;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (path.length == 3 && exchange.getRequestMethod().equals("GET")) {
            answer(exchange, 200, "{\"id\":" + Json.quote(path[2]) + ",\"verified_name\":\"Bench\","
                    + "\"quality_rating\":\"GREEN\"}");
        } else if (path.length == 4 && path[3].equals("messages") && exchange.getRequestMethod().equals("POST")) {
            Map<String, Object> message = Json.object(Json.parse(new String(body, StandardCharsets.UTF_8)));
            if (!"text".equals(Json.text(message.get("type")))) {
                answer(exchange, 200, "{\"success\":true}"); // a read receipt
                return;
            }
            sends.increment();
            String to = Json.text(message.get("to"));
            String wamid = "wamid.MINIMAL" + wamids.incrementAndGet();
            String callback = Json.text(message.get("biz_opaque_callback_data"));
            String reply = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":" + Json.quote(to)
                    + ",\"wa_id\":" + Json.quote(to) + "}],\"messages\":[{\"id\":" + Json.quote(wamid) + "}]}";
            timers.schedule(() -> {
                answer(exchange, 200, reply);
                for (int i = 0; i < STATUSES.length; i++) {
                    String status = STATUSES[i];
                    timers.schedule(() -> post(path[2], "\"statuses\":[{\"id\":" + Json.quote(wamid)
                            + ",\"status\":\"" + status + "\",\"timestamp\":\"" + epochSecond()
                            + "\",\"recipient_id\":" + Json.quote(to)
                            + (callback == null ? "" : ",\"biz_opaque_callback_data\":" + Json.quote(callback))
                            + "}]"), STATUS_DELAYS_MS[i], TimeUnit.MILLISECONDS);
                }
            }, latency.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            answer(exchange, 404, "{\"error\":{\"message\":\"Unknown path\",\"code\":100}}");
        }
    }

    /** A customer's text message to the business number Meta knows as {@code phoneNumberId}. */
    public void customerMessage(String phoneNumberId, String waId) {
        post(phoneNumberId, "\"contacts\":[{\"profile\":{\"name\":\"Load Customer\"},\"wa_id\":" + Json.quote(waId)
                + "}],\"messages\":[{\"from\":" + Json.quote(waId) + ",\"id\":" + Json.quote("wamid.IN" + waId)
                + ",\"timestamp\":\"" + epochSecond() + "\",\"type\":\"text\",\"text\":{\"body\":\"hi\"}}]");
    }

    private void post(String phoneNumberId, String content) {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":" + Json.quote(wabaId)
                + ",\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"15550000000\",\"phone_number_id\":"
                + Json.quote(phoneNumberId) + "}," + content + "}}]}]}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(webhooks).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(mac.get().doFinal(bytes)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
        posters.execute(() -> deliver(request));
    }

    private void deliver(HttpRequest request) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    webhooksPosted.increment();
                    return;
                }
            } catch (IOException refused) {
                // tried again below, as Meta does
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                return;
            }
            webhooksRefused.increment();
            try {
                Thread.sleep(1000);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String epochSecond() {
        return String.valueOf(System.currentTimeMillis() / 1000);
    }

    private static void answer(HttpExchange exchange, int status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException closed) {
            // the cloud node gave up waiting: it records the message as uncertain
        }
    }

    @Override
    public void close() {
        server.stop(0);
        timers.shutdownNow();
        posters.shutdownNow();
    }
}
