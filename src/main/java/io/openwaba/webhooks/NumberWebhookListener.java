package io.openwaba.webhooks;

import io.openwaba.numbers.BusinessCapabilityChanged;
import io.openwaba.numbers.MessagingLimitChanged;
import io.openwaba.numbers.NumberQualityChanged;
import io.openwaba.numbers.NumberStatus;
import io.openwaba.numbers.NumberStatusChanged;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the numbers module's events into Meta's webhooks, in the publishing transaction:
 * {@code phone_number_quality_update} (FLAGGED, UNFLAGGED, UPGRADE, DOWNGRADE), {@code account_update}
 * (ACCOUNT_RESTRICTION, ACCOUNT_DELETED), {@code account_review_update} and
 * {@code business_capability_update}. A per-business limit (meta-2025) is named as Meta names it there.
 */
@Component
class NumberWebhookListener {

    private final WebhookEvents webhooks;

    NumberWebhookListener(WebhookEvents webhooks) {
        this.webhooks = webhooks;
    }

    @EventListener
    void on(NumberQualityChanged change) {
        qualityUpdate(change.wabaId(), change.displayNumber(), change.worsened() ? "FLAGGED" : "UNFLAGGED",
                change.currentLimit(), null, change.limitPerBusiness());
    }

    @EventListener
    void on(MessagingLimitChanged change) {
        qualityUpdate(change.wabaId(), change.displayNumber(), change.raised() ? "UPGRADE" : "DOWNGRADE", change.to(),
                change.from(), change.limitPerBusiness());
    }

    /** Only some moves are news to the business: restrictions, the end of a review, a deregistration. */
    @EventListener
    void on(NumberStatusChanged change) {
        if (change.deregistered()) {
            send(change.wabaId(), "account_update",
                    Map.of("phone_number", change.displayNumber(), "event", "ACCOUNT_DELETED"));
        } else if (change.to() == NumberStatus.RESTRICTED || change.from() == NumberStatus.RESTRICTED) {
            var value = new LinkedHashMap<String, Object>();
            value.put("phone_number", change.displayNumber());
            value.put("event", "ACCOUNT_RESTRICTION");
            value.put("restriction_info", change.restrictedUntil() == null ? List.of() : List.of(Map.of(
                    "restriction_type", "RESTRICTED_BIZ_INITIATED_MESSAGING",
                    "expiration", change.restrictedUntil().getEpochSecond())));
            send(change.wabaId(), "account_update", value);
        } else if (change.from() == NumberStatus.PENDING) {
            send(change.wabaId(), "account_review_update",
                    Map.of("decision", change.to() == NumberStatus.CONNECTED ? "APPROVED" : "REJECTED"));
        }
    }

    @EventListener
    void on(BusinessCapabilityChanged change) {
        var value = new LinkedHashMap<String, Object>();
        if (change.limitPerBusiness()) {
            value.put("max_daily_conversations_per_business", change.tier());
            value.put("max_phone_numbers_per_business", change.numbersAllowed());
        } else {
            value.put("max_daily_conversation_per_phone", change.tierLimit());
            value.put("max_phone_numbers_per_waba", change.numbersAllowed());
        }
        send(change.wabaId(), "business_capability_update", value);
    }

    private void qualityUpdate(String wabaId, String displayNumber, String event, String currentTier, String oldTier,
                               boolean perBusiness) {
        var value = new LinkedHashMap<String, Object>();
        value.put("display_phone_number", displayNumber);
        value.put("event", event);
        if (perBusiness) {
            value.put("max_daily_conversations_per_business", currentTier);
        } else {
            value.put("current_limit", currentTier);
            if (oldTier != null && !oldTier.equals(currentTier)) {
                value.put("old_limit", oldTier);
            }
        }
        send(wabaId, "phone_number_quality_update", value);
    }

    private void send(String wabaId, String field, Map<String, Object> value) {
        webhooks.enqueue(List.of(new WebhookEvent(wabaId, field, value)));
    }
}
