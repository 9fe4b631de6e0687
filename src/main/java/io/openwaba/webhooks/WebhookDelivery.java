package io.openwaba.webhooks;

import io.openwaba.shared.BackgroundWork;
import io.openwaba.shared.DaemonThreads;
import io.openwaba.shared.NodeName;
import io.openwaba.shared.OutboundUrlGuard;
import io.openwaba.shared.WallClock;
import io.openwaba.tenancy.Business;
import io.openwaba.tenancy.Tenancy;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers queued events: claims a batch, POSTs each event on its own (one event per POST),
 * signed, concurrently, then settles the batch in one transaction. A failure is retried with
 * exponential backoff and jitter, or after {@code Retry-After} when the receiver asks, until the
 * event's retry period ends; then it is a dead letter. {@code 410 Gone} disables the subscription.
 */
@Component
class WebhookDelivery extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);

    private final EventRows events;
    private final SubscriptionRows subscriptions;
    private final OutboundUrlGuard guard;
    private final WebhookHttp http;
    private final Tenancy tenancy;
    private final ExecutorService senders;
    private final WebhookSettings settings;
    private final Clock clock;
    /** Leases guard against crashed nodes, which happens in real time, whatever the sandbox clock says. */
    private final WallClock wall;
    private final RetrySchedule retries;
    private final TransactionTemplate tx;
    private final String node = NodeName.current();

    WebhookDelivery(EventRows events, SubscriptionRows subscriptions, OutboundUrlGuard guard, Tenancy tenancy,
                    WebhookSettings settings, Clock clock, WallClock wall, TransactionTemplate tx) {
        super("webhook-delivery", settings.workers(), settings.pollInterval());
        this.tenancy = tenancy;
        this.events = events;
        this.subscriptions = subscriptions;
        this.guard = guard;
        this.http = new WebhookHttp(guard, settings.timeout(), settings.concurrency());
        // One thread per concurrent POST: blocking calls, so concurrency is exactly the pool size.
        this.senders = DaemonThreads.fixedPool("webhook-post", settings.concurrency());
        this.settings = settings;
        this.clock = clock;
        this.wall = wall;
        this.retries = RetrySchedule.of(settings);
        this.tx = tx;
    }

    @Override
    protected int step() {
        var now = clock.instant();
        var wallNow = wall.instant();
        var claimed = tx.execute(status ->
                events.claim(settings.batchSize(), now, wallNow, wallNow.plus(settings.lease()), node));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        var wabaIds = claimed.stream().map(EventRows.Claimed::wabaId).collect(Collectors.toSet());
        var byWaba = subscriptions.findAll(wabaIds).stream()
                .collect(Collectors.toMap(Subscription::wabaId, Function.identity()));
        var secrets = new HashMap<String, String>();
        var attempts = new ArrayList<CompletableFuture<Attempt>>();
        for (EventRows.Claimed event : claimed) {
            var subscription = byWaba.get(event.wabaId());
            var secret = subscription == null ? null
                    : secrets.computeIfAbsent(event.wabaId(), waba -> signingSecret(subscription));
            attempts.add(attempt(event, subscription, secret));
        }
        var results = attempts.stream().map(CompletableFuture::join).toList();
        settle(results);
        return claimed.size();
    }

    private String signingSecret(Subscription subscription) {
        if (subscription.appSecret() != null) {
            return subscription.appSecret();
        }
        return tenancy.waba(subscription.wabaId()).flatMap(waba -> tenancy.business(waba.businessId()))
                .map(Business::appSecret).orElse(null);
    }

    private CompletableFuture<Attempt> attempt(EventRows.Claimed event, Subscription subscription, String secret) {
        if (subscription == null || !subscription.active() || secret == null) {
            return CompletableFuture.completedFuture(Attempt.refused(event, "no active webhook subscription"));
        }
        URI target;
        try {
            target = guard.check(subscription.callbackUrl(), "the callback URL");
        } catch (OutboundUrlGuard.Refused refused) {
            return CompletableFuture.completedFuture(Attempt.failed(event, 0, refused.getMessage(), null));
        }
        byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
        return CompletableFuture.supplyAsync(() -> post(event, secret, target, body), senders);
    }

    private Attempt post(EventRows.Claimed event, String secret, URI target, byte[] body) {
        // Receivers compare webhook-timestamp with their own clock to refuse replays: wall-clock time.
        long timestamp = wall.instant().getEpochSecond();
        var headers = Map.of(
                "Content-Type", "application/json",
                "X-Hub-Signature-256", Signatures.hubSignature(secret, body),
                "webhook-id", event.eventId(),
                "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", Signatures.standardSignature(secret, event.eventId(), timestamp, body));
        try {
            var answer = http.post(target, headers, body);
            int code = answer.status();
            if (code >= 200 && code < 300) {
                return Attempt.delivered(event, code);
            }
            if (code == 410) {
                return Attempt.gone(event);
            }
            return Attempt.failed(event, code, "HTTP " + code, retryAfter(answer.retryAfter()));
        } catch (IOException | RuntimeException e) {
            return Attempt.failed(event, 0, e.getClass().getSimpleName() + ": " + e.getMessage(), null);
        }
    }

    private void settle(List<Attempt> results) {
        var now = clock.instant();
        var delivered = new ArrayList<EventRows.Settled>();
        var retry = new ArrayList<EventRows.Settled>();
        var dead = new ArrayList<EventRows.Settled>();
        var gone = new HashMap<String, String>();
        for (Attempt attempt : results) {
            var event = attempt.event();
            if (attempt.delivered()) {
                delivered.add(new EventRows.Settled(event.id(), attempt.status(), null, null));
            } else if (attempt.gone() || attempt.final_()) {
                dead.add(new EventRows.Settled(event.id(), attempt.status(), attempt.error(), null));
                if (attempt.gone()) {
                    gone.put(event.wabaId(), "the callback answered 410 Gone");
                }
            } else {
                var next = retries.next(event.attempts(), attempt.retryAfter(), now, event.expiresAt());
                if (next.isEmpty()) {
                    dead.add(new EventRows.Settled(event.id(), attempt.status(), attempt.error(), null));
                } else {
                    retry.add(new EventRows.Settled(event.id(), attempt.status(), attempt.error(), next.get()));
                }
            }
        }
        tx.executeWithoutResult(status -> {
            events.markDelivered(delivered);
            events.markRetry(retry);
            events.markDead(dead, now);
            gone.forEach((wabaId, reason) -> subscriptions.disable(wabaId, reason, now));
        });
        if (!gone.isEmpty()) {
            log.warn("Disabled webhook subscriptions of WABAs {}: their callbacks answered 410 Gone;"
                    + " register the webhook again to resume", gone.keySet());
        }
    }

    private Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Math.min(Long.parseLong(header.trim()), settings.maxAge().toSeconds())));
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                var wait = Duration.between(clock.instant(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }

    @Override
    public void stop() {
        super.stop();
        senders.shutdown();
    }

    private record Attempt(EventRows.Claimed event, boolean delivered, boolean gone, boolean final_, int status,
                           String error, Duration retryAfter) {
        static Attempt delivered(EventRows.Claimed event, int status) {
            return new Attempt(event, true, false, false, status, null, null);
        }

        static Attempt gone(EventRows.Claimed event) {
            return new Attempt(event, false, true, true, 410, "HTTP 410 Gone", null);
        }

        static Attempt refused(EventRows.Claimed event, String why) {
            return new Attempt(event, false, false, true, 0, why, null);
        }

        static Attempt failed(EventRows.Claimed event, int status, String error, Duration retryAfter) {
            return new Attempt(event, false, false, false, status, error, retryAfter);
        }
    }
}
