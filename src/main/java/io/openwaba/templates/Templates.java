package io.openwaba.templates;

import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import io.openwaba.shared.Decision;
import io.openwaba.shared.NodeIds;
import java.time.Clock;
import java.time.Instant;
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
            throw exists(content);
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

    /**
     * Cloud mode: checked here first (bad input and duplicates never reach Meta), then created at
     * Meta and stored with Meta's id, status and category only once Meta accepted it.
     */
    Template createAtMeta(String wabaId, GraphBody body, TemplateRelay meta) {
        var content = TemplateParser.parse(body);
        if (rows.find(wabaId, content.name(), content.language()).isPresent()) {
            throw exists(content);
        }
        var answer = accepted(meta.create(wabaId, body.json()));
        var category = answer.path("category").asString(content.category());
        var stored = new TemplateContent(content.name(), content.language(), category, content.allowCategoryChange(),
                content.parameterFormat(), content.components());
        var id = NodeIds.next();
        if (!rows.insert(id, wabaId, answer.path("id").asString(null), stored,
                answer.path("status").asString("PENDING"), "NONE", clock.instant(), null)) {
            throw exists(content);
        }
        return rows.find(id).orElseThrow();
    }

    /** Cloud mode: the edit checked here, then Meta's; back to PENDING until Meta's review says otherwise. */
    void editAtMeta(Template template, GraphBody body, TemplateRelay meta) {
        if (template.status().equals("DISABLED")) {
            throw GraphException.invalidParameter("Template " + template.id() + " is DISABLED and cannot be edited.");
        }
        var content = TemplateParser.edit(template.content(), body);
        if (template.metaTemplateId() == null) {
            throw GraphException.invalidParameter("Template " + template.id() + " is not in the WABA at Meta;"
                    + " sync the WABA's templates first.");
        }
        accepted(meta.edit(template.wabaId(), template.metaTemplateId(), body.json()));
        rows.resubmit(template.id(), content, clock.instant(), null);
    }

    /** Cloud mode: deleted at Meta first when Meta has it; 0 when the WABA has no such template. */
    int deleteAtMeta(String wabaId, String name, String id, TemplateRelay meta) {
        var matching = rows.ofWaba(wabaId).stream()
                .filter(t -> t.content().name().equals(name) && (id == null || t.id().equals(id))).toList();
        if (matching.isEmpty()) {
            return 0;
        }
        if (matching.stream().anyMatch(t -> t.metaTemplateId() != null)) {
            accepted(meta.delete(wabaId, name, id == null ? null : matching.get(0).metaTemplateId()));
        }
        return rows.delete(wabaId, name, id);
    }

    /**
     * Meta's {@code message_template_status_update} for the template it knows as {@code metaTemplateId}:
     * the template takes Meta's status and the business hears of it under our id. False when no
     * template here has that Meta id; a status it has already changes nothing.
     */
    @Transactional
    public boolean statusReported(String metaTemplateId, String event, String reason, String recommendation,
                                  Instant at) {
        var known = rows.findByMeta(metaTemplateId);
        var status = event.equals("REINSTATED") ? "APPROVED" : event;
        var why = reason == null || reason.isBlank() ? "NONE" : reason;
        for (Template template : known) {
            if (status.equals(template.status()) && why.equals(template.rejectedReason())) {
                continue;
            }
            rows.report(template.id(), status, why, status.equals("FLAGGED") ? at : null, at);
            publisher.publishEvent(new TemplateStatusChanged(template.id(), template.wabaId(),
                    template.content().name(), template.content().language(), template.content().category(), event,
                    why, event.equals("REJECTED") ? recommendation : null, at));
        }
        return !known.isEmpty();
    }

    /** Meta's {@code message_template_quality_update}: false when no template here has that Meta id. */
    @Transactional
    public boolean qualityReported(String metaTemplateId, String score, Instant at) {
        var known = rows.findByMeta(metaTemplateId);
        for (Template template : known) {
            if (!score.equals(template.qualityScore())) {
                rows.setQuality(template.id(), score, at);
                publisher.publishEvent(new TemplateQualityChanged(template.id(), template.wabaId(),
                        template.content().name(), template.content().language(), template.qualityScore(), score, at));
            }
        }
        return !known.isEmpty();
    }

    /**
     * Makes the WABA's library Meta's list: a template Meta has that is not here is created (with a
     * new id of ours), one known here (by Meta's id, else by name and language) takes Meta's status,
     * category, quality and components under the id it has, and one with a Meta id Meta no longer
     * lists is deleted. A status that changed is announced as Meta's webhook would.
     */
    @Transactional
    public TemplateSync synced(String wabaId, List<MetaTemplate> listed) {
        int created = 0;
        int updated = 0;
        int deleted = 0;
        var now = clock.instant();
        var local = rows.ofWaba(wabaId);
        var seen = new java.util.HashSet<String>();
        for (MetaTemplate meta : listed) {
            var known = local.stream().filter(t -> meta.metaId().equals(t.metaTemplateId())).findFirst()
                    .or(() -> local.stream().filter(t -> t.metaTemplateId() == null
                            && t.content().name().equals(meta.name())
                            && t.content().language().equals(meta.language())).findFirst());
            if (known.isEmpty()) {
                var content = new TemplateContent(meta.name(), meta.language(), meta.category(), true,
                        meta.parameterFormat(), meta.components());
                var id = NodeIds.next();
                if (rows.insert(id, wabaId, meta.metaId(), content, meta.status(), meta.rejectedReason(), now, null)) {
                    rows.setQuality(id, meta.qualityScore(), now);
                    seen.add(id);
                    created++;
                }
                continue;
            }
            var template = known.get();
            seen.add(template.id());
            if (same(template, meta)) {
                continue;
            }
            rows.replace(template.id(), meta, now);
            updated++;
            if (!meta.status().equals(template.status())) {
                publisher.publishEvent(new TemplateStatusChanged(template.id(), wabaId, meta.name(), meta.language(),
                        meta.category(), meta.status(), meta.rejectedReason(), null, now));
            }
        }
        for (Template template : local) {
            if (template.metaTemplateId() != null && !seen.contains(template.id())) {
                rows.deleteById(template.id());
                deleted++;
            }
        }
        return new TemplateSync(created, updated, deleted);
    }

    private static boolean same(Template template, MetaTemplate meta) {
        return meta.metaId().equals(template.metaTemplateId()) && meta.status().equals(template.status())
                && meta.category().equals(template.content().category())
                && meta.qualityScore().equals(template.qualityScore())
                && meta.rejectedReason().equals(template.rejectedReason())
                && meta.parameterFormat().equals(template.content().parameterFormat())
                && JSON.valueToTree(meta.components()).equals(JSON.valueToTree(template.content().components()));
    }

    private static GraphException exists(TemplateContent content) {
        return TemplateParser.invalid(SUBCODE_EXISTS, "Message template \"" + content.name()
                + "\" already exists in " + content.language() + "; edit it or use another name.");
    }

    private static tools.jackson.databind.JsonNode accepted(TemplateRelay.Answer answer) {
        if (answer instanceof TemplateRelay.Answer.Refused refused) {
            throw GraphException.of(refused.error());
        }
        return ((TemplateRelay.Answer.Accepted) answer).body();
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
