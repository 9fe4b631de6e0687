package io.openwaba.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * A real HTTP webhook endpoint for tests: answers Meta's verification GET, records every POST
 * with its headers, and checks the signature against the app secret it was given.
 */
public final class WebhookReceiver implements AutoCloseable {

    public record Delivery(String rawBody, String signature, String webhookId, String webhookTimestamp,
                           String webhookSignature, String contentType, int answeredWith, boolean signatureValid) {
        public JsonNode json() {
            return Http.JSON.readTree(rawBody);
        }

        public JsonNode value() {
            return json().at("/entry/0/changes/0/value");
        }
    }

    private final HttpServer server;
    private final String verifyToken;
    private volatile String appSecret;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 500;
    private volatile String failureRetryAfter;
    private volatile boolean echoChallenge = true;

    public WebhookReceiver(String verifyToken, String appSecret) {
        this.verifyToken = verifyToken;
        this.appSecret = appSecret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/webhook", this::handle);
        server.start();
    }

    public String verifyToken() {
        return verifyToken;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
    }

    /** The next {@code count} POSTs are answered with {@code status}, then the receiver recovers. */
    public void failNext(int count, int status) {
        failNext(count, status, null);
    }

    public void failNext(int count, int status, String retryAfter) {
        failureStatus = status;
        failureRetryAfter = retryAfter;
        failuresLeft.set(count);
    }

    public void refuseChallenge() {
        echoChallenge = false;
    }

    public List<Delivery> deliveries() {
        return new ArrayList<>(deliveries);
    }

    public List<Delivery> accepted() {
        return deliveries.stream().filter(d -> d.answeredWith() == 200).toList();
    }

    /** Accepted status events for one wamid, in arrival order. */
    /** The {@code value} of every accepted delivery of this webhook field, in arrival order. */
    public List<JsonNode> values(String field) {
        return accepted().stream()
                .filter(d -> d.json().at("/entry/0/changes/0/field").asString().equals(field))
                .map(Delivery::value).toList();
    }

    public List<String> statusesOf(String wamid) {
        return accepted().stream().map(Delivery::value)
                .filter(v -> v.has("statuses") && v.at("/statuses/0/id").asString().equals(wamid))
                .map(v -> v.at("/statuses/0/status").asString()).toList();
    }

    public List<Delivery> inboundMessages() {
        return accepted().stream().filter(d -> d.value().has("messages")).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("GET")) {
            answerChallenge(exchange);
            return;
        }
        byte[] raw = exchange.getRequestBody().readAllBytes();
        var headers = exchange.getRequestHeaders();
        var signature = headers.getFirst("X-Hub-Signature-256");
        int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? failureStatus : 200;
        deliveries.add(new Delivery(new String(raw, StandardCharsets.UTF_8), signature, headers.getFirst("webhook-id"),
                headers.getFirst("webhook-timestamp"), headers.getFirst("webhook-signature"),
                headers.getFirst("Content-Type"), status, ("sha256=" + hmacHex(raw)).equals(signature)));
        if (status != 200 && failureRetryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", failureRetryAfter);
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private void answerChallenge(HttpExchange exchange) throws IOException {
        String mode = null;
        String token = null;
        String challenge = null;
        var query = exchange.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            var parts = pair.split("=", 2);
            var value = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            switch (parts[0]) {
                case "hub.mode" -> mode = value;
                case "hub.verify_token" -> token = value;
                case "hub.challenge" -> challenge = value;
                default -> { }
            }
        }
        boolean ok = "subscribe".equals(mode) && verifyToken.equals(token) && challenge != null;
        // A receiver that "refuses the challenge" answers 200 without echoing it, a common bug.
        byte[] body = (ok && echoChallenge ? challenge : "ok").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(ok ? 200 : 403, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    public String hmacHex(byte[] data) {
        return HexFormat.of().formatHex(hmac(data));
    }

    public byte[] hmac(byte[] data) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
