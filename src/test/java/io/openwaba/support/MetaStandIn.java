package io.openwaba.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Meta's Graph API for the cloud relay's tests: it passes every request on to a sandbox node
 * (whose Graph API is wire-compatible), unless a fault was queued for that path: an answer of its
 * own (429 with {@code Retry-After}, a WhatsApp error, a refused token) or a delay longer than
 * the relay waits. It records each request it receives.
 */
public final class MetaStandIn implements AutoCloseable {

    /** A request as it reached the stand-in, and the HTTP status Meta answered it with (0: none yet). */
    public record Request(String method, String path, String body, Instant at, int status) {
        Request answered(int answer) {
            return new Request(method, path, body, at, answer);
        }
    }

    private record Fault(int status, String body, String retryAfter, Duration delay) {
    }

    private final HttpServer server;
    private final String upstream;
    private final HttpClient client = HttpClient.newHttpClient();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Queue<Fault>> faults = new ConcurrentHashMap<>();

    public MetaStandIn(String upstream) {
        this.upstream = upstream;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request to {@code path} gets this answer instead of the sandbox's. */
    public void answerNext(String path, int status, String body, String retryAfter) {
        faults.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).add(new Fault(status, body, retryAfter, null));
    }

    /** The next request to {@code path} reaches the sandbox, but its answer comes only after {@code delay}. */
    public void delayNext(String path, Duration delay) {
        faults.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).add(new Fault(0, null, null, delay));
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            var path = exchange.getRequestURI().getPath();
            var body = exchange.getRequestBody().readAllBytes();
            var request = new Request(exchange.getRequestMethod(), path, new String(body, StandardCharsets.UTF_8),
                    Instant.now(), 0);
            requests.add(request);
            var queued = faults.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
            if (queued != null && queued.delay() == null) {
                if (queued.retryAfter() != null) {
                    exchange.getResponseHeaders().add("Retry-After", queued.retryAfter());
                }
                requests.set(requests.indexOf(request), request.answered(queued.status()));
                respond(exchange, queued.status(), queued.body());
                return;
            }
            var forward = HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
            for (var header : List.of("Authorization", "Content-Type")) {
                var value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    forward.header(header, value);
                }
            }
            // Bytes, not text: media downloads pass through here too.
            var answer = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (queued != null) {
                Thread.sleep(queued.delay().toMillis());
            }
            // Recorded before the answer is written: Meta has taken the request even when the node that
            // sent it is killed before it reads the answer.
            requests.set(requests.indexOf(request), request.answered(answer.statusCode()));
            respond(exchange, answer.statusCode(), answer.body(),
                    answer.headers().firstValue("Content-Type").orElse("application/json"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        respond(exchange, status, body.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private static void respond(HttpExchange exchange, int status, byte[] bytes, String contentType)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
