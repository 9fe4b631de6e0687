package io.openwaba.numbers;

import io.openwaba.webhooks.WebhookEvent;
import io.openwaba.webhooks.WebhookEvents;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Records a change in a number's history and tells the business by webhook, in the caller's
 * transaction. Event values are Meta's: {@code phone_number_quality_update} (FLAGGED, UNFLAGGED,
 * UPGRADE, DOWNGRADE), {@code account_update} (ACCOUNT_RESTRICTION, ACCOUNT_DELETED),
 * {@code account_review_update} and {@code business_capability_update}.
 */
@Component
class NumberEvents {

    private final NumberHistory history;
    private final WebhookEvents webhooks;
    private final PolicyProfile profile;

    NumberEvents(NumberHistory history, WebhookEvents webhooks, PolicyProfile profile) {
        this.history = history;
        this.webhooks = webhooks;
        this.profile = profile;
    }

    void record(PhoneNumber number, NumberHistory.Entry entry) {
        history.add(number.id(), entry);
    }

    /** A quality or tier event: FLAGGED / UNFLAGGED when the rating worsens / improves, UPGRADE / DOWNGRADE for the tier. */
    void qualityUpdate(PhoneNumber number, String event, String currentTier, String oldTier) {
        var value = new LinkedHashMap<String, Object>();
        value.put("display_phone_number", number.waId().digits());
        value.put("event", event);
        if (profile.perBusiness()) {
            value.put("max_daily_conversations_per_business", currentTier);
        } else {
            value.put("current_limit", currentTier);
            if (oldTier != null && !oldTier.equals(currentTier)) {
                value.put("old_limit", oldTier);
            }
        }
        send(number.wabaId(), "phone_number_quality_update", value);
    }

    /** {@code account_update} ACCOUNT_RESTRICTION: business-initiated messaging restricted until {@code until}; none when null. */
    void restriction(PhoneNumber number, Instant until) {
        var value = new LinkedHashMap<String, Object>();
        value.put("phone_number", number.waId().digits());
        value.put("event", "ACCOUNT_RESTRICTION");
        value.put("restriction_info", until == null ? List.of() : List.of(Map.of(
                "restriction_type", "RESTRICTED_BIZ_INITIATED_MESSAGING", "expiration", until.getEpochSecond())));
        send(number.wabaId(), "account_update", value);
    }

    void deleted(PhoneNumber number) {
        send(number.wabaId(), "account_update",
                Map.of("phone_number", number.waId().digits(), "event", "ACCOUNT_DELETED"));
    }

    /** {@code account_review_update}: the decision on a newly registered number. */
    void review(PhoneNumber number, String decision) {
        send(number.wabaId(), "account_review_update", Map.of("decision", decision));
    }

    /** {@code business_capability_update}: the business's messaging limit and number allowance changed. */
    void capability(String wabaId, Tier tier, int numbersAllowed) {
        var value = new LinkedHashMap<String, Object>();
        if (profile.perBusiness()) {
            value.put("max_daily_conversations_per_business", tier.name());
            value.put("max_phone_numbers_per_business", numbersAllowed);
        } else {
            value.put("max_daily_conversation_per_phone", tier.limit());
            value.put("max_phone_numbers_per_waba", numbersAllowed);
        }
        send(wabaId, "business_capability_update", value);
    }

    private void send(String wabaId, String field, Map<String, Object> value) {
        webhooks.enqueue(List.of(new WebhookEvent(wabaId, field, value)));
    }
}
