package io.openwaba.templates;

import io.openwaba.shared.PollingWorker;
import io.openwaba.webhooks.WebhookEvent;
import io.openwaba.webhooks.WebhookEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scores every live template from the last 24 hours of customers' reactions and moves it
 * through WhatsApp's lifecycle (POLICY.md section 2): RED flags an APPROVED template; a FLAGGED
 * one that is no longer RED is reinstated; one still FLAGGED after 7 days is DISABLED. Each
 * change is a webhook ({@code message_template_quality_update} or {@code _status_update}).
 */
@Component
class TemplateQuality implements SmartLifecycle {

    static final Duration MEASURED = Duration.ofHours(24);
    static final Duration FLAGGED_FOR = Duration.ofDays(7);

    private final TemplateRows rows;
    private final TemplateSignals signals;
    private final WebhookEvents webhooks;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final PollingWorker worker;

    TemplateQuality(TemplateRows rows, TemplateSignals signals, WebhookEvents webhooks, Clock clock,
                    TransactionTemplate tx, TemplateSettings settings) {
        this.rows = rows;
        this.signals = signals;
        this.webhooks = webhooks;
        this.clock = clock;
        this.tx = tx;
        this.worker = new PollingWorker("template-quality", 1, settings.qualityInterval(), () -> {
            tx.executeWithoutResult(status -> assess());
            return 0;
        });
    }

    void assess() {
        var now = clock.instant();
        for (Template template : rows.live()) {
            var score = QualityRule.STANDARD.score(signals.since(template.id(), now.minus(MEASURED)),
                    template.qualityScore());
            if (!score.equals(template.qualityScore())) {
                rows.setQuality(template.id(), score, now);
                var value = base(template);
                value.put("previous_quality_score", template.qualityScore());
                value.put("new_quality_score", score);
                webhooks.enqueue(List.of(new WebhookEvent(template.wabaId(), "message_template_quality_update", value)));
            }
            if (template.status().equals("APPROVED") && score.equals("RED")) {
                move(template, "APPROVED", "FLAGGED", now, "FLAGGED");
            } else if (template.status().equals("FLAGGED") && !score.equals("RED")) {
                move(template, "FLAGGED", "APPROVED", null, "REINSTATED");
            } else if (template.status().equals("FLAGGED") && !now.isBefore(template.flaggedAt().plus(FLAGGED_FOR))) {
                move(template, "FLAGGED", "DISABLED", template.flaggedAt(), "DISABLED");
            }
        }
    }

    private void move(Template template, String from, String to, java.time.Instant flaggedAt, String event) {
        if (!rows.move(template.id(), from, to, flaggedAt, clock.instant())) {
            return;
        }
        var value = base(template);
        value.put("event", event);
        value.put("reason", "NONE");
        value.put("message_template_category", template.content().category());
        if (event.equals("FLAGGED")) {
            value.put("other_info", new LinkedHashMap<>(java.util.Map.of("title", "FLAGGED", "description",
                    "The template's quality is low. Unless it improves within 7 days, it will be disabled.")));
        }
        if (event.equals("DISABLED")) {
            value.put("disable_info", java.util.Map.of("disable_date", clock.instant().getEpochSecond()));
        }
        webhooks.enqueue(List.of(new WebhookEvent(template.wabaId(), "message_template_status_update", value)));
    }

    private static LinkedHashMap<String, Object> base(Template template) {
        var value = new LinkedHashMap<String, Object>();
        value.put("message_template_id", Long.parseLong(template.id()));
        value.put("message_template_name", template.content().name());
        value.put("message_template_language", template.content().language());
        return value;
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}
