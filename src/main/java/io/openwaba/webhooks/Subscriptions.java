package io.openwaba.webhooks;

import io.openwaba.shared.NodeIds;
import io.openwaba.shared.OutboundUrlGuard;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registers a WABA's webhook. The callback must pass the URL guard and answer Meta's
 * verification GET with the challenge before anything is saved.
 */
@Service
public class Subscriptions {

    private final SubscriptionRows rows;
    private final OutboundUrlGuard guard;
    private final WebhookHttp http;
    private final Clock clock;

    Subscriptions(SubscriptionRows rows, OutboundUrlGuard guard, WebhookSettings settings, Clock clock) {
        this.rows = rows;
        this.guard = guard;
        this.http = new WebhookHttp(guard, settings.timeout(), 8);
        this.clock = clock;
    }

    /** Not transactional on purpose: no database connection is held while the callback answers. */
    public Subscription register(String wabaId, String callbackUrl, String verifyToken, String appSecret,
                                 Set<String> fields) {
        if (verifyToken == null || verifyToken.isBlank() || verifyToken.length() > 256) {
            throw new WebhookRegistrationFailed("a verify token of 1 to 256 characters is required");
        }
        if (appSecret != null && (appSecret.isBlank() || appSecret.length() > 256)) {
            throw new WebhookRegistrationFailed("an app secret, when given, is 1 to 256 characters long");
        }
        var chosen = new TreeSet<>(fields == null || fields.isEmpty() ? Subscription.ALL_FIELDS : fields);
        for (String field : chosen) {
            if (!Subscription.ALL_FIELDS.contains(field)) {
                throw new WebhookRegistrationFailed("unknown webhook field " + field + "; known: "
                        + String.join(", ", Subscription.ALL_FIELDS));
            }
        }
        URI uri;
        try {
            uri = guard.check(callbackUrl, "the callback URL");
        } catch (OutboundUrlGuard.Refused refused) {
            throw new WebhookRegistrationFailed(refused.getMessage());
        }
        handshake(uri, verifyToken);
        var now = clock.instant();
        var created = rows.find(wabaId).map(Subscription::createdAt).orElse(now);
        var subscription = new Subscription(wabaId, uri.toString(), verifyToken, appSecret, chosen,
                true, null, created, now);
        rows.save(subscription);
        return subscription;
    }

    public Optional<Subscription> find(String wabaId) {
        return rows.find(wabaId);
    }

    @Transactional
    public boolean remove(String wabaId) {
        return rows.delete(wabaId);
    }

    private void handshake(URI callback, String verifyToken) {
        var challenge = NodeIds.next();
        var separator = callback.getRawQuery() == null ? "?" : "&";
        var uri = URI.create(callback + separator + "hub.mode=subscribe&hub.challenge=" + challenge
                + "&hub.verify_token=" + URLEncoder.encode(verifyToken, StandardCharsets.UTF_8));
        try {
            var answer = http.get(uri);
            if (answer.status() != 200) {
                throw new WebhookRegistrationFailed("the callback answered the verification request with HTTP "
                        + answer.status() + " instead of 200");
            }
            if (!answer.body().trim().equals(challenge)) {
                throw new WebhookRegistrationFailed("the callback did not echo hub.challenge in its answer");
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new WebhookRegistrationFailed("the callback could not be reached: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }
}
