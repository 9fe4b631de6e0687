package io.openwaba.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP calls webhooks make: blocking HTTP/1.1 over the JDK's keep-alive connection cache,
 * no redirects (a redirect could lead past the URL guard). Measured cheaper per request than
 * the asynchronous {@code java.net.http.HttpClient} on a 2-core machine (docs/BENCHMARKS.md).
 */
final class WebhookHttp {

    static {
        // The JDK keeps 5 idle connections per host by default; webhook delivery runs up to
        // openwaba.webhooks.concurrency requests to one receiver at a time.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "256");
        }
    }

    record Answer(int status, String body, String retryAfter) {
    }

    private final Duration timeout;

    WebhookHttp(Duration timeout) {
        this.timeout = timeout;
    }

    Answer post(URI target, Map<String, String> headers, byte[] body) throws IOException {
        var connection = open(target, "POST");
        headers.forEach(connection::setRequestProperty);
        connection.setDoOutput(true);
        // Buffered rather than streaming mode on purpose: headers and body then leave in one
        // write, where two writes meet Nagle's algorithm and a delayed ACK (about 40 ms each).
        try (var out = connection.getOutputStream()) {
            out.write(body);
        }
        return answer(connection, false);
    }

    Answer get(URI target) throws IOException {
        return answer(open(target, "GET"), true);
    }

    private HttpURLConnection open(URI target, String method) throws IOException {
        var connection = (HttpURLConnection) target.toURL().openConnection();
        connection.setRequestMethod(method);
        connection.setInstanceFollowRedirects(false);
        connection.setUseCaches(false);
        connection.setConnectTimeout((int) Math.min(timeout.toMillis(), 5_000));
        connection.setReadTimeout((int) timeout.toMillis());
        connection.setRequestProperty("User-Agent", "openwaba-webhooks");
        return connection;
    }

    /** Reads the answer fully (up to 64 KiB of body kept) so the connection goes back to the keep-alive cache. */
    private static Answer answer(HttpURLConnection connection, boolean keepBody) throws IOException {
        int status = connection.getResponseCode();
        var retryAfter = connection.getHeaderField("Retry-After");
        String body = "";
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            if (in != null && keepBody) {
                body = new String(in.readNBytes(65_536), StandardCharsets.UTF_8);
                in.transferTo(OutputStream.nullOutputStream());
            } else if (in != null) {
                // Most receivers answer a few bytes: a small buffer, not transferTo's 8 KiB per call.
                byte[] discard = new byte[256];
                while (in.read(discard) >= 0) {
                    // drained
                }
            }
        }
        return new Answer(status, body, retryAfter);
    }
}
