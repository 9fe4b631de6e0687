package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.shared.Secrets;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where Meta's webhooks arrive: the subscription handshake ({@code hub.verify_token} must match
 * {@code openwaba.cloud.verify-token}) and signed deliveries ({@code X-Hub-Signature-256} with
 * the app secret over the raw body). A verified delivery is kept in the inbox table before the
 * 200 and applied from there ({@link MetaInbox}), so Meta gets its answer quickly and nothing it
 * was told is taken is lost; a redelivered message or status changes nothing.
 */
@OnCloud
@RestController
@RequestMapping("/webhooks/meta")
class MetaWebhookController {

    private static final Logger log = LoggerFactory.getLogger(MetaWebhookController.class);

    private final CloudSettings settings;
    private final MetaWebhooks webhooks;
    private final MetaInbox inbox;

    MetaWebhookController(CloudSettings settings, MetaWebhooks webhooks, MetaInbox inbox) {
        this.settings = settings;
        this.webhooks = webhooks;
        this.inbox = inbox;
    }

    @GetMapping(produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<String> subscribe(@RequestParam(name = "hub.mode", required = false) String mode,
                                     @RequestParam(name = "hub.verify_token", required = false) String token,
                                     @RequestParam(name = "hub.challenge", required = false) String challenge) {
        if ("subscribe".equals(mode) && challenge != null && token != null && sameText(token, settings.verifyToken())) {
            return ResponseEntity.ok(challenge);
        }
        return ResponseEntity.status(403).body("verify token mismatch");
    }

    @PostMapping
    ResponseEntity<String> deliver(@RequestHeader(name = "X-Hub-Signature-256", required = false) String signature,
                                   @RequestBody(required = false) byte[] body) {
        if (body == null || signature == null
                || !sameText(signature, "sha256=" + Secrets.hmacSha256Hex(settings.appSecret(), body))) {
            return ResponseEntity.status(401).body("missing or wrong X-Hub-Signature-256");
        }
        try {
            webhooks.check(body);
        } catch (MetaWebhooks.Unreadable unreadable) {
            log.warn("a signed delivery from Meta could not be read: {}", unreadable.getMessage());
            return ResponseEntity.badRequest().body(unreadable.getMessage());
        }
        inbox.keep(body);
        return ResponseEntity.ok("ok");
    }

    private static boolean sameText(String given, String expected) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
