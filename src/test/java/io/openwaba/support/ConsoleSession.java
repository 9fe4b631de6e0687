package io.openwaba.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A console user's session over plain HTTP: a cookie jar, and forms posted with the page's CSRF field. */
public final class ConsoleSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private ConsoleSession(int port) {
        this.port = port;
    }

    public static ConsoleSession signedIn(int port, String login, String password) {
        var session = new ConsoleSession(port);
        var answer = session.submit("/console/login", "/console/login", Map.of("username", login, "password", password));
        assertThat(answer.headers().firstValue("Location")).as("signed in").hasValueSatisfying(
                location -> assertThat(location).endsWith("/console"));
        return session;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET());
    }

    /**
     * Opens a server-sent event stream and gathers the names of the events it sends (the
     * {@code event:} lines) into the list returned, as they arrive; the stream is read until the
     * test ends.
     */
    public java.util.List<String> events(String path) {
        var names = new java.util.concurrent.CopyOnWriteArrayList<String>();
        var opened = new java.util.concurrent.CountDownLatch(1);
        client.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> {
                    assertThat(response.statusCode()).as("stream %s", path).isEqualTo(200);
                    opened.countDown();
                    response.body().filter(line -> line.startsWith("event:"))
                            .forEach(line -> names.add(line.substring("event:".length()).strip()));
                });
        try {
            assertThat(opened.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("stream %s opened", path).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return names;
    }

    /** Posts a form to {@code action} with the CSRF field of the page at {@code formPage}. */
    public HttpResponse<String> submit(String formPage, String action, Map<String, String> fields) {
        var page = get(formPage);
        var matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("the page %s has a CSRF field", formPage).isTrue();
        var form = new LinkedHashMap<>(fields);
        form.put("_csrf", matcher.group(1));
        var body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
