package io.openwaba.webhooks;

import java.time.Instant;
import java.util.Set;

/**
 * Where a WABA's webhooks go and how they are signed: with {@code appSecret}, or with the
 * business's current app secret when it is {@code null}.
 */
public record Subscription(String wabaId, String callbackUrl, String verifyToken, String appSecret,
                           Set<String> fields, boolean active, String disabledReason, Instant createdAt,
                           Instant updatedAt) {

    /** Every field the platform emits; a subscription without a choice gets them all. */
    public static final Set<String> ALL_FIELDS = Set.of("messages", "message_template_status_update",
            "message_template_quality_update", "phone_number_quality_update", "account_update", "account_review_update",
            "business_capability_update", "account_alerts");

    public boolean wants(String field) {
        return active && fields.contains(field);
    }
}
