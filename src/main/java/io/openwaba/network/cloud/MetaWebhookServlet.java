package io.openwaba.network.cloud;

import io.openwaba.shared.Secrets;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where Meta's webhooks arrive: the subscription handshake ({@code hub.verify_token} must match
 * {@code openwaba.cloud.verify-token}) and signed deliveries ({@code X-Hub-Signature-256} with
 * the app secret over the raw body). A verified delivery is kept in the inbox table before the
 * 200 and applied from there ({@link MetaInbox}), so Meta gets its answer quickly and nothing it
 * was told is taken is lost; a redelivered message or status changes nothing.
 *
 * <p>A plain servlet, not a Spring MVC controller: Meta posts three webhooks for every message
 * sent, and the dispatcher's per-request work (handler lookup, argument resolution, binders) cost
 * several times what this class does with a delivery (docs/BENCHMARKS.md, the cloud relay).
 */
final class MetaWebhookServlet extends HttpServlet {

    private static final Logger log = LoggerFactory.getLogger(MetaWebhookServlet.class);
    /** Meta's deliveries are a few kilobytes; a body beyond this is not one of them. */
    static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    private final transient CloudSettings settings;
    private final transient MetaWebhooks webhooks;
    private final transient MetaInbox inbox;

    MetaWebhookServlet(CloudSettings settings, MetaWebhooks webhooks, MetaInbox inbox) {
        this.settings = settings;
        this.webhooks = webhooks;
        this.inbox = inbox;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        var challenge = request.getParameter("hub.challenge");
        var token = request.getParameter("hub.verify_token");
        if ("subscribe".equals(request.getParameter("hub.mode")) && challenge != null && token != null
                && sameText(token, settings.verifyToken())) {
            answer(response, 200, challenge);
        } else {
            answer(response, 403, "verify token mismatch");
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // A declared length is refused before reading; a chunked body once it passes the limit.
        byte[] body = request.getContentLengthLong() > MAX_BODY_BYTES ? null
                : request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body == null || body.length > MAX_BODY_BYTES) {
            answer(response, 413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
            return;
        }
        var signature = request.getHeader("X-Hub-Signature-256");
        if (body.length == 0 || signature == null
                || !sameText(signature, "sha256=" + Secrets.hmacSha256Hex(settings.appSecret(), body))) {
            answer(response, 401, "missing or wrong X-Hub-Signature-256");
            return;
        }
        try {
            webhooks.check(body);
        } catch (MetaWebhooks.Unreadable unreadable) {
            log.warn("a signed delivery from Meta could not be read: {}", unreadable.getMessage());
            answer(response, 400, unreadable.getMessage());
            return;
        }
        try {
            inbox.keep(body);
        } catch (RuntimeException notKept) {
            log.error("a delivery from Meta could not be stored; Meta will deliver it again", notKept);
            answer(response, 503, "the delivery could not be stored, deliver it again");
            return;
        }
        answer(response, 200, "ok");
    }

    private static void answer(HttpServletResponse response, int status, String text) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain;charset=UTF-8");
        response.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean sameText(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
