package io.openwaba.bench;

import io.openwaba.bench.client.Driver;
import io.openwaba.bench.json.Json;
import io.openwaba.bench.shared.DaemonThreads;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The setup calls (sandbox facts, numbers and their limits, customers, the subscription) through the JDK
 * HttpClient. It costs several times more CPU per request than the generator's own client, which is why the
 * measured requests do not go through it.
 */
final class SetupClient implements AutoCloseable {

    private final String baseUrl;
    private final String adminToken;
    private final int concurrency;
    private final ExecutorService executor;
    private final HttpClient http;

    SetupClient(String baseUrl, String adminToken, int concurrency) {
        this.baseUrl = baseUrl;
        this.adminToken = adminToken;
        this.concurrency = concurrency;
        this.executor = Executors.newFixedThreadPool(
                Math.max(4, Runtime.getRuntime().availableProcessors()), DaemonThreads.named("http"));
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .executor(executor)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends the requests, at most {@code --clients} at a time, and returns the responses in their order. */
    List<HttpResponse<String>> sendAll(String what, List<HttpRequest> requests, Set<Integer> expected)
            throws InterruptedException {
        Semaphore bound = new Semaphore(concurrency);
        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (HttpRequest request : requests) {
            bound.acquire();
            pending.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, error) -> bound.release()));
        }
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> future : pending) {
            HttpResponse<String> response;
            try {
                response = future.join();
            } catch (CompletionException e) {
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

    Object adminJson(String method, String path, String json, Set<Integer> expected) throws InterruptedException {
        HttpResponse<String> response = sendAll(method + " " + path, List.of(admin(method, path, json)), expected)
                .get(0);
        return Json.parse(response.body());
    }

    Map<String, Object> getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(get(path, null));
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered HTTP " + response.statusCode());
        }
        return Json.object(Json.parse(response.body()));
    }

    HttpRequest admin(String method, String path, String json) {
        return HttpRequest.newBuilder(uri(path))
                .timeout(Driver.REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    HttpRequest get(String path, String bearerToken) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).timeout(Driver.REQUEST_TIMEOUT).GET();
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        return builder.build();
    }

    HttpRequest delete(String path, String bearerToken) {
        return HttpRequest.newBuilder(uri(path))
                .timeout(Driver.REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + bearerToken)
                .DELETE()
                .build();
    }

    HttpRequest post(String path, String bearerToken, String json) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
                .timeout(Driver.REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearerToken != null) {
            builder.header("Authorization", "Bearer " + bearerToken);
        }
        return builder.build();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }
}
