package io.openwaba.templates;

import io.openwaba.notices.Notices;
import io.openwaba.shared.BackgroundWork;
import io.openwaba.tenancy.Tenancy;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scores every live template from the last 24 hours of customers' reactions and moves it
 * through WhatsApp's lifecycle: RED flags an APPROVED template; a FLAGGED
 * one that is no longer RED is reinstated; one still FLAGGED after 7 days is DISABLED. Each
 * change is a webhook ({@code message_template_quality_update} or {@code _status_update}).
 */
@Component
class TemplateQuality extends BackgroundWork {

    static final Duration MEASURED = Duration.ofHours(24);

    private final TemplateRows rows;
    private final TemplateSignals signals;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final Notices notices;
    private final Tenancy tenancy;
    private final ObjectProvider<TemplateRelay> relay;

    TemplateQuality(TemplateRows rows, TemplateSignals signals, ApplicationEventPublisher publisher, Clock clock,
                    TransactionTemplate tx, TemplateSettings settings, Notices notices, Tenancy tenancy,
                    ObjectProvider<TemplateRelay> relay) {
        super("template-quality", 1, settings.qualityInterval());
        this.relay = relay;
        this.notices = notices;
        this.tenancy = tenancy;
        this.rows = rows;
        this.signals = signals;
        this.publisher = publisher;
        this.clock = clock;
        this.tx = tx;
    }

    /** With a {@link TemplateRelay} (cloud mode) Meta scores templates and moves them: no local scoring. */
    @Override
    public void start() {
        if (relay.getIfAvailable() == null) {
            super.start();
        }
    }

    /** Scores and moves every live template; never asks to run again at once. */
    @Override
    protected int step() {
        tx.executeWithoutResult(status -> assess());
        return 0;
    }

    void assess() {
        var now = clock.instant();
        for (Template template : rows.live()) {
            var score = QualityRule.STANDARD.score(signals.since(template.id(), now.minus(MEASURED)),
                    template.qualityScore());
            if (!score.equals(template.qualityScore())) {
                rows.setQuality(template.id(), score, now);
                publisher.publishEvent(new TemplateQualityChanged(template.id(), template.wabaId(),
                        template.content().name(), template.content().language(), template.qualityScore(), score, now));
            }
            var next = TemplateLifecycle.STANDARD.next(template.status(), score, template.flaggedAt(), now);
            if (next != TemplateLifecycle.STAY) {
                var flaggedAt = switch (next.to()) {
                    case "FLAGGED" -> now;
                    case "DISABLED" -> template.flaggedAt();
                    default -> null;
                };
                move(template, template.status(), next.to(), flaggedAt, next.event());
            }
        }
    }

    private void move(Template template, String from, String to, java.time.Instant flaggedAt, String event) {
        if (!rows.move(template.id(), from, to, flaggedAt, clock.instant())) {
            return;
        }
        publisher.publishEvent(new TemplateStatusChanged(template.id(), template.wabaId(), template.content().name(),
                template.content().language(), template.content().category(), event, "NONE", null, clock.instant()));
        if (event.equals("FLAGGED") || event.equals("DISABLED")) {
            tenancy.waba(template.wabaId()).ifPresent(waba -> notices.email(waba.businessId(), subject(template, event),
                    body(template, event)));
        }
    }

    private static String subject(Template template, String event) {
        return "WhatsApp template " + template.content().name() + " (" + template.content().language() + ") is "
                + (event.equals("FLAGGED") ? "flagged for low quality" : "disabled");
    }

    private static String body(Template template, String event) {
        var name = template.content().name() + " (" + template.content().language() + ", id " + template.id() + ")";
        if (event.equals("FLAGGED")) {
            return "Your message template " + name + " has been flagged: customers blocked or reported it too often"
                    + " in the last 24 hours (quality RED).\n\nIt can still be sent. If its quality improves within"
                    + " 7 days it will be approved again; otherwise it will be disabled and can no longer be sent or"
                    + " edited.\n";
        }
        return "Your message template " + name + " has been disabled: its quality stayed low for 7 days after it was"
                + " flagged.\n\nIt can no longer be sent or edited. Create a new template instead.\n";
    }
}
