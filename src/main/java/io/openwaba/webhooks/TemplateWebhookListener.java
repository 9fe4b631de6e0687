package io.openwaba.webhooks;

import io.openwaba.templates.TemplateQualityChanged;
import io.openwaba.templates.TemplateStatusChanged;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns the templates module's events into {@code message_template_status_update} and
 * {@code message_template_quality_update}, in the publishing transaction.
 */
@Component
class TemplateWebhookListener {

    private final WebhookEvents webhooks;

    TemplateWebhookListener(WebhookEvents webhooks) {
        this.webhooks = webhooks;
    }

    @EventListener
    void on(TemplateStatusChanged change) {
        var value = new LinkedHashMap<String, Object>();
        value.put("event", change.event());
        value.put("message_template_id", Long.parseLong(change.templateId()));
        value.put("message_template_name", change.name());
        value.put("message_template_language", change.language());
        value.put("reason", change.reason());
        value.put("message_template_category", change.category());
        if (change.event().equals("REJECTED") && change.recommendation() != null) {
            value.put("rejection_info", new LinkedHashMap<>(Map.of("reason", change.reason(),
                    "recommendation", change.recommendation())));
        }
        if (change.event().equals("FLAGGED")) {
            value.put("other_info", new LinkedHashMap<>(Map.of("title", "FLAGGED", "description",
                    "The template's quality is low. Unless it improves within 7 days, it will be disabled.")));
        }
        if (change.event().equals("DISABLED")) {
            value.put("disable_info", Map.of("disable_date", change.at().getEpochSecond()));
        }
        send(change.wabaId(), "message_template_status_update", value);
    }

    @EventListener
    void on(TemplateQualityChanged change) {
        var value = new LinkedHashMap<String, Object>();
        value.put("message_template_id", Long.parseLong(change.templateId()));
        value.put("message_template_name", change.name());
        value.put("message_template_language", change.language());
        value.put("previous_quality_score", change.previousScore());
        value.put("new_quality_score", change.newScore());
        send(change.wabaId(), "message_template_quality_update", value);
    }

    private void send(String wabaId, String field, Map<String, Object> value) {
        webhooks.enqueue(List.of(new WebhookEvent(wabaId, field, value)));
    }
}
