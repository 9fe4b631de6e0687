package io.openwaba.templates;

import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import io.openwaba.shared.Decision;
import io.openwaba.shared.NodeIds;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Each WABA's template library: created and edited templates wait PENDING for the reviewer (a
 * configurable delay of sandbox time), then are APPROVED or REJECTED, and the business hears
 * of it through a {@code message_template_status_update} webhook.
 */
@Service
public class Templates {

    static final int SUBCODE_EXISTS = 2388023;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TemplateRows rows;
    private final ReviewRules reviewer;
    private final TemplateSettings settings;
    private final ApplicationEventPublisher publisher;
    private final Clock clock;

    Templates(TemplateRows rows, TemplateSettings settings, ApplicationEventPublisher publisher, Clock clock) {
        this.rows = rows;
        this.settings = settings;
        this.publisher = publisher;
        this.clock = clock;
        this.reviewer = new ReviewRules(settings.forbiddenPhrases(), settings.promotionalPhrases());
    }

    @Transactional
    Template create(String wabaId, GraphBody body) {
        var content = TemplateParser.parse(body);
        var now = clock.instant();
        var id = NodeIds.next();
        if (!rows.insert(id, wabaId, content, now, now.plus(settings.reviewDelay()))) {
            throw TemplateParser.invalid(SUBCODE_EXISTS, "Message template \"" + content.name()
                    + "\" already exists in " + content.language() + "; edit it or use another name.");
        }
        return rows.find(id).orElseThrow();
    }

    /**
     * A template the platform itself provides (the demo business's), approved without review;
     * {@code body} is a create body as clients send it.
     */
    @Transactional
    public String addApproved(String wabaId, Map<String, Object> body) {
        var template = create(wabaId, GraphBody.of(JSON.valueToTree(body)));
        rows.approveAtOnce(template.id(), clock.instant());
        return template.id();
    }

    /** New content goes back to review; a DISABLED template can no longer be edited. */
    @Transactional
    void edit(Template template, GraphBody body) {
        if (template.status().equals("DISABLED")) {
            throw GraphException.invalidParameter("Template " + template.id() + " is DISABLED and cannot be edited.");
        }
        var content = TemplateParser.edit(template.content(), body);
        var now = clock.instant();
        rows.resubmit(template.id(), content, now, now.plus(settings.reviewDelay()));
    }

    Optional<Template> find(String id) {
        return rows.find(id);
    }

    List<Template> ofWaba(String wabaId) {
        return rows.ofWaba(wabaId);
    }

    int delete(String wabaId, String name, String id) {
        return rows.delete(wabaId, name, id);
    }

    /** Reviews what is due; runs in the caller's transaction. */
    int reviewDue(int limit) {
        var due = rows.dueForReview(clock.instant(), limit);
        for (Template template : due) {
            var review = reviewer.review(template.content());
            var category = (String) review.figures().get("category");
            if (review instanceof Decision.Refused rejected) {
                decide(template, "REJECTED", category, (String) rejected.figures().get("rejection_reason"),
                        rejected.rule(), rejected.reason());
            } else {
                var rule = (String) review.figures().get("rule");
                decide(template, "APPROVED", category, "NONE", rule, rule == null ? null : review.reason());
            }
        }
        return due.size();
    }

    /** A BSP admin's decision, replacing the reviewer's for a PENDING template. */
    @Transactional
    boolean decideByHand(Template template, boolean approve, String reason, String note) {
        return approve ? decide(template, "APPROVED", template.content().category(), "NONE", "MANUAL", note)
                : decide(template, "REJECTED", template.content().category(), reason, "MANUAL", note);
    }

    private boolean decide(Template template, String status, String category, String reason, String rule, String note) {
        if (!rows.decide(template.id(), status, category, reason, rule, note, clock.instant())) {
            return false;
        }
        publisher.publishEvent(new TemplateStatusChanged(template.id(), template.wabaId(), template.content().name(),
                template.content().language(), category, status, reason, status.equals("REJECTED") ? note : null,
                clock.instant()));
        return true;
    }
}
