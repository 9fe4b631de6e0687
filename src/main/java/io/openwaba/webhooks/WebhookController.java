package io.openwaba.webhooks;

import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.shared.ManagementApi;
import io.openwaba.tenancy.Tenancy;
import io.openwaba.tenancy.Waba;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A WABA's webhook through the management API: register, read, remove, dead letters, replay. */
@ManagementApi
@RestController
@RequestMapping("/api/wabas/{wabaId}/webhook")
class WebhookController {

    private final Subscriptions subscriptions;
    private final EventRows events;
    private final Tenancy tenancy;
    private final WebhookSettings settings;
    private final WebhookDelivery delivery;
    private final Clock clock;
    private final TransactionTemplate tx;

    WebhookController(Subscriptions subscriptions, EventRows events, Tenancy tenancy, WebhookSettings settings,
                      WebhookDelivery delivery, Clock clock, TransactionTemplate tx) {
        this.subscriptions = subscriptions;
        this.events = events;
        this.tenancy = tenancy;
        this.settings = settings;
        this.delivery = delivery;
        this.clock = clock;
        this.tx = tx;
    }

    record RegisterWebhook(String callbackUrl, String verifyToken, String appSecret, Set<String> fields) {
    }

    record WebhookView(String wabaId, String callbackUrl, Set<String> fields, boolean active, String disabledReason,
                       String createdAt, String updatedAt) {
        static WebhookView of(Subscription s) {
            return new WebhookView(s.wabaId(), s.callbackUrl(), s.fields(), s.active(), s.disabledReason(),
                    s.createdAt().toString(), s.updatedAt().toString());
        }
    }

    @PutMapping
    WebhookView register(Caller caller, @PathVariable String wabaId, @RequestBody RegisterWebhook request) {
        var waba = visible(caller, wabaId);
        try {
            return WebhookView.of(subscriptions.register(waba.id(), request.callbackUrl(), request.verifyToken(),
                    request.appSecret(), request.fields()));
        } catch (WebhookRegistrationFailed failed) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "Webhook not registered", failed.getMessage());
        }
    }

    @GetMapping
    WebhookView read(Caller caller, @PathVariable String wabaId) {
        var waba = visible(caller, wabaId);
        return subscriptions.find(waba.id()).map(WebhookView::of)
                .orElseThrow(() -> ApiProblem.notFound("webhook of WABA", wabaId));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(Caller caller, @PathVariable String wabaId) {
        if (!subscriptions.remove(visible(caller, wabaId).id())) {
            throw ApiProblem.notFound("webhook of WABA", wabaId);
        }
    }

    @GetMapping("/dead-letters")
    List<EventRows.DeadLetter> deadLetters(Caller caller, @PathVariable String wabaId,
                                           @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.badRequest("limit must be between 1 and 1000");
        }
        return events.deadLetters(visible(caller, wabaId).id(), limit);
    }

    @PostMapping("/dead-letters/replay")
    Map<String, Integer> replayDeadLetters(Caller caller, @PathVariable String wabaId) {
        return replay(visible(caller, wabaId), null);
    }

    @PostMapping("/events/{eventId}/replay")
    Map<String, Integer> replayEvent(Caller caller, @PathVariable String wabaId, @PathVariable String eventId) {
        var waba = visible(caller, wabaId);
        if (!events.exists(waba.id(), eventId)) {
            throw ApiProblem.notFound("webhook event", eventId);
        }
        return replay(waba, eventId);
    }

    private Map<String, Integer> replay(Waba waba, String eventId) {
        var now = clock.instant();
        var expires = now.plus(settings.maxAge());
        Integer replayed = tx.execute(status -> eventId == null ? events.replayDead(waba.id(), now, expires)
                : events.replay(waba.id(), eventId, now, expires));
        delivery.wake();
        return Map.of("replayed", replayed);
    }

    private Waba visible(Caller caller, String wabaId) {
        return tenancy.waba(caller, wabaId).orElseThrow(() -> ApiProblem.notFound("WABA", wabaId));
    }
}
