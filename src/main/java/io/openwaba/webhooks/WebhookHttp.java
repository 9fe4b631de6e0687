package io.openwaba.webhooks;

import io.openwaba.shared.OutboundHttp;
import io.openwaba.shared.OutboundUrlGuard;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;

/**
 * The HTTP calls webhooks make: blocking HTTP/1.1 over pooled keep-alive connections, to
 * addresses the URL guard checked, no redirects (a redirect could lead past the URL guard).
 */
final class WebhookHttp {

    record Answer(int status, String body, String retryAfter) {
    }

    private final CloseableHttpClient client;

    WebhookHttp(OutboundUrlGuard guard, Duration timeout, int connections) {
        this.client = OutboundHttp.client(guard, timeout, connections, "openwaba-webhooks");
    }

    Answer post(URI target, Map<String, String> headers, byte[] body) throws IOException {
        var request = new HttpPost(target);
        headers.forEach(request::setHeader);
        request.setEntity(new ByteArrayEntity(body, null));
        return client.execute(request, response -> answer(response, false));
    }

    Answer get(URI target) throws IOException {
        return client.execute(new HttpGet(target), response -> answer(response, true));
    }

    /** Reads the answer fully (up to 64 KiB of body kept) so the connection goes back to the pool. */
    private static Answer answer(ClassicHttpResponse response, boolean keepBody) throws IOException {
        var retryAfter = response.getFirstHeader("Retry-After");
        String body = "";
        var entity = response.getEntity();
        if (entity != null) {
            try (var in = entity.getContent()) {
                if (keepBody) {
                    body = new String(in.readNBytes(65_536), StandardCharsets.UTF_8);
                }
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        return new Answer(response.getCode(), body, retryAfter == null ? null : retryAfter.getValue());
    }
}
