package io.openwaba.webhooks;

import io.openwaba.network.CloudLinkBroken;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A number whose Meta link broke is an {@code account_alerts} webhook in Meta's shape: the number
 * as the entity, a CRITICAL and ACTIVE alert with openwaba's own type {@code CLOUD_API_ACCESS_TOKEN_REFUSED}
 * (Meta's {@code alert_type} is an open list; {@code account_update}'s {@code event} is a closed one
 * typed clients enumerate).
 */
@Component
class CloudLinkWebhookListener {

    static final String ALERT_TYPE = "CLOUD_API_ACCESS_TOKEN_REFUSED";

    private final WebhookEvents webhooks;

    CloudLinkWebhookListener(WebhookEvents webhooks) {
        this.webhooks = webhooks;
    }

    @EventListener
    void on(CloudLinkBroken broken) {
        var alert = new LinkedHashMap<String, Object>();
        alert.put("alert_severity", "CRITICAL");
        alert.put("alert_status", "ACTIVE");
        alert.put("alert_type", ALERT_TYPE);
        alert.put("alert_description", "Messages of " + broken.displayPhoneNumber() + " are paused: " + broken.reason()
                + ". Link the number again with a valid token.");
        var value = new LinkedHashMap<String, Object>();
        value.put("entity_type", "PHONE_NUMBER");
        value.put("entity_id", broken.phoneNumberId());
        value.put("alert_info", alert);
        webhooks.enqueue(List.of(new WebhookEvent(broken.wabaId(), "account_alerts", value)));
    }
}
