package io.openwaba.network.cloud;

import io.openwaba.shared.MetaError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls Meta's Graph API ({@code openwaba.cloud.graph-url}) with a number's access token. The
 * URL is the operator's configuration, not a customer's, so the outbound-URL guard does not apply.
 */
class MetaGraph {

    /** What Meta answered: its HTTP status, its JSON body (an empty object if none) and any {@code Retry-After}. */
    record Answer(int status, JsonNode body, Optional<Duration> retryAfter) {
        boolean ok() {
            return status / 100 == 2 && !body.has("error");
        }

        /** Meta's {@code code}, when its error has one. */
        Integer code() {
            var code = body.path("error").path("code");
            return code.isNumber() ? code.asInt() : null;
        }

        /** Meta's refusal as the Graph API answers it to the business: Meta's status, code and message. */
        MetaError error() {
            var error = body.path("error");
            var details = error.path("error_data").path("details");
            return new MetaError(status >= 400 && status < 600 ? status : 400, code() == null ? 1 : code(),
                    error.path("error_subcode").isNumber() ? error.path("error_subcode").asInt() : null,
                    error.path("type").asString("OAuthException"),
                    error.path("message").asString("Meta answered HTTP " + status),
                    details.isMissingNode() || details.isNull() ? null : details.asString());
        }
    }

    /** The request never reached Meta (no connection): sending it again is safe. */
    static final class NotSent extends Exception {
        NotSent(Throwable cause) {
            super(cause.toString(), cause);
        }
    }

    /** The request was sent but no answer came: Meta may or may not have taken it. */
    static final class Unanswered extends Exception {
        Unanswered(Throwable cause) {
            super(cause.toString(), cause);
        }
    }

    private final CloudSettings settings;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();

    MetaGraph(CloudSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    Answer get(String path, String token) throws NotSent, Unanswered {
        return exchange(HttpRequest.newBuilder(settings.graph(path)).GET(), token);
    }

    Answer post(String path, String token, Object body) throws NotSent, Unanswered {
        return exchange(HttpRequest.newBuilder(settings.graph(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), token);
    }

    /**
     * {@code POST /{path}} as multipart, the way Meta takes media: {@code messaging_product},
     * {@code type} and {@code file} (the bytes streamed from {@code content}, which is closed).
     */
    Answer upload(String path, String token, String filename, String mimeType, java.io.InputStream content)
            throws NotSent, Unanswered {
        var boundary = "openwaba-" + java.util.UUID.randomUUID();
        var name = filename == null ? "file" : filename.replaceAll("[\"\\r\\n\\\\]", "_");
        var head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"messaging_product\"\r\n\r\nwhatsapp\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + mimeType + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\n"
                + "Content-Type: " + mimeType + "\r\n\r\n";
        var tail = "\r\n--" + boundary + "--\r\n";
        var body = HttpRequest.BodyPublishers.concat(
                HttpRequest.BodyPublishers.ofString(head, java.nio.charset.StandardCharsets.UTF_8),
                HttpRequest.BodyPublishers.ofInputStream(() -> content),
                HttpRequest.BodyPublishers.ofString(tail, java.nio.charset.StandardCharsets.UTF_8));
        try {
            return exchange(HttpRequest.newBuilder(settings.graph(path))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body), token);
        } finally {
            try {
                content.close();
            } catch (IOException ignored) {
                // the request is over either way
            }
        }
    }

    Answer delete(String path, String token) throws NotSent, Unanswered {
        return exchange(HttpRequest.newBuilder(settings.graph(path)).DELETE(), token);
    }

    /** Meta could not be asked, as the Graph API answers it to the business. */
    static MetaError unreachable(Exception cause) {
        return new MetaError(503, 2, null, "OAuthException", "Service temporarily unavailable",
                "Meta's Cloud API did not answer: " + cause.getMessage());
    }

    private Answer exchange(HttpRequest.Builder request, String token) throws NotSent, Unanswered {
        request.timeout(settings.requestTimeout()).header("Authorization", "Bearer " + token);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException notConnected) {
            throw new NotSent(notConnected);
        } catch (IOException lost) {
            throw new Unanswered(lost);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unanswered(e);
        }
        return new Answer(response.statusCode(), parse(response.body()),
                response.headers().firstValue("Retry-After").flatMap(MetaGraph::seconds));
    }

    private JsonNode parse(String body) {
        try {
            var node = json.readTree(body);
            return node != null && node.isObject() ? node : json.createObjectNode();
        } catch (RuntimeException notJson) {
            return json.createObjectNode();
        }
    }

    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException httpDate) {
            return Optional.empty();
        }
    }
}
