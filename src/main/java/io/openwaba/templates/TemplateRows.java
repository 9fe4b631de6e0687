package io.openwaba.templates;

import io.openwaba.shared.SqlTime;
import io.openwaba.shared.WorkQueue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class TemplateRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final WorkQueue<Template> reviews;

    TemplateRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.reviews = WorkQueue.of(jdbc, "templates_template", "*", "review_due_at <= :now AND status = 'PENDING'",
                TemplateRows::template);
    }

    /** Inserts a PENDING template; false when the WABA already has this name in this language. */
    boolean insert(String id, String wabaId, TemplateContent content, Instant at, Instant reviewDueAt) {
        return insert(id, wabaId, null, content, "PENDING", "NONE", at, reviewDueAt);
    }

    /** Inserts a template as Meta has it (its id and status), with no local review; false as above. */
    boolean insert(String id, String wabaId, String metaId, TemplateContent content, String status,
                   String rejectedReason, Instant at, Instant reviewDueAt) {
        return jdbc.sql("""
                INSERT INTO templates_template (id, waba_id, meta_template_id, name, language, category,
                    allow_category_change, parameter_format, components, status, rejected_reason, review_due_at,
                    created_at, updated_at)
                VALUES (:id, :waba, :meta, :name, :language, :category, :allow, :format, :components, :status,
                    :reason, :due, :at, :at)
                ON CONFLICT DO NOTHING""")
                .param("id", id).param("waba", wabaId).param("meta", metaId).param("status", status)
                .param("reason", rejectedReason).param("name", content.name())
                .param("language", content.language()).param("category", content.category())
                .param("allow", content.allowCategoryChange()).param("format", content.parameterFormat())
                .param("components", JSON.writeValueAsString(content.components()))
                .param("due", SqlTime.utc(reviewDueAt)).param("at", SqlTime.utc(at)).update() > 0;
    }

    void approveAtOnce(String id, Instant at) {
        jdbc.sql("UPDATE templates_template SET status = 'APPROVED', review_due_at = NULL, updated_at = :at WHERE id = :id")
                .param("at", SqlTime.utc(at)).param("id", id).update();
    }

    /** New content, back to PENDING for review. */
    void resubmit(String id, TemplateContent content, Instant at, Instant reviewDueAt) {
        jdbc.sql("""
                UPDATE templates_template SET category = :category, components = :components, status = 'PENDING',
                    rejected_reason = 'NONE', review_rule = NULL, review_note = NULL, review_due_at = :due,
                    updated_at = :at
                WHERE id = :id""")
                .param("category", content.category()).param("components", JSON.writeValueAsString(content.components()))
                .param("due", SqlTime.utc(reviewDueAt)).param("at", SqlTime.utc(at)).param("id", id).update();
    }

    /** Records a decision on a template still PENDING; false if it was decided (or changed) meanwhile. */
    boolean decide(String id, String status, String category, String reason, String rule, String note, Instant at) {
        return jdbc.sql("""
                UPDATE templates_template SET status = :status, category = :category, rejected_reason = :reason,
                    review_rule = :rule, review_note = :note, review_due_at = NULL, updated_at = :at
                WHERE id = :id AND status = 'PENDING'""")
                .param("status", status).param("category", category).param("reason", reason).param("rule", rule)
                .param("note", note).param("at", SqlTime.utc(at)).param("id", id).update() > 0;
    }

    Optional<Template> find(String id) {
        return jdbc.sql("SELECT * FROM templates_template WHERE id = :id").param("id", id)
                .query(TemplateRows::template).optional();
    }

    /** The templates Meta knows by this id (one per WABA linked to Meta's). */
    List<Template> findByMeta(String metaTemplateId) {
        return jdbc.sql("SELECT * FROM templates_template WHERE meta_template_id = :meta ORDER BY id")
                .param("meta", metaTemplateId).query(TemplateRows::template).list();
    }

    /** Meta's word on a template: its status (and reason), with the time it was flagged when FLAGGED. */
    void report(String id, String status, String reason, Instant flaggedAt, Instant at) {
        jdbc.sql("""
                UPDATE templates_template SET status = :status, rejected_reason = :reason, flagged_at = :flagged,
                    review_due_at = NULL, updated_at = :at
                WHERE id = :id""")
                .param("status", status).param("reason", reason).param("flagged", SqlTime.utc(flaggedAt))
                .param("at", SqlTime.utc(at)).param("id", id).update();
    }

    /** A template as Meta lists it, over what is stored here under the same id. */
    void replace(String id, MetaTemplate meta, Instant at) {
        jdbc.sql("""
                UPDATE templates_template SET meta_template_id = :meta, status = :status, category = :category,
                    parameter_format = :format, components = :components, quality_score = :quality,
                    rejected_reason = :reason, review_due_at = NULL, updated_at = :at
                WHERE id = :id""")
                .param("meta", meta.metaId()).param("status", meta.status()).param("category", meta.category())
                .param("format", meta.parameterFormat()).param("components", JSON.writeValueAsString(meta.components()))
                .param("quality", meta.qualityScore()).param("reason", meta.rejectedReason())
                .param("at", SqlTime.utc(at)).param("id", id).update();
    }

    void deleteById(String id) {
        jdbc.sql("DELETE FROM templates_template WHERE id = :id").param("id", id).update();
    }

    Optional<Template> find(String wabaId, String name, String language) {
        return jdbc.sql("SELECT * FROM templates_template WHERE waba_id = :waba AND name = :name AND language = :language")
                .param("waba", wabaId).param("name", name).param("language", language)
                .query(TemplateRows::template).optional();
    }

    List<Template> ofWaba(String wabaId) {
        return jdbc.sql("SELECT * FROM templates_template WHERE waba_id = :waba ORDER BY created_at, id")
                .param("waba", wabaId).query(TemplateRows::template).list();
    }

    /** PENDING templates whose review is due, locked for this transaction. */
    List<Template> dueForReview(Instant now, int limit) {
        return reviews.claim(limit, Map.of("now", SqlTime.utc(now)));
    }

    /** Templates that can be sent, and so have a quality: APPROVED and FLAGGED. */
    List<Template> live() {
        return jdbc.sql("SELECT * FROM templates_template WHERE status IN ('APPROVED', 'FLAGGED')")
                .query(TemplateRows::template).list();
    }

    void setQuality(String id, String score, Instant at) {
        jdbc.sql("UPDATE templates_template SET quality_score = :score, quality_date = :at WHERE id = :id")
                .param("score", score).param("at", SqlTime.utc(at)).param("id", id).update();
    }

    /** Moves a template from one status to another; false if it was no longer in {@code from}. */
    boolean move(String id, String from, String to, Instant flaggedAt, Instant at) {
        return jdbc.sql("""
                UPDATE templates_template SET status = :to, flagged_at = :flagged, updated_at = :at
                WHERE id = :id AND status = :from""")
                .param("to", to).param("flagged", SqlTime.utc(flaggedAt)).param("at", SqlTime.utc(at))
                .param("id", id).param("from", from).update() > 0;
    }

    int delete(String wabaId, String name, String id) {
        var sql = "DELETE FROM templates_template WHERE waba_id = :waba AND name = :name"
                + (id == null ? "" : " AND id = :id");
        var statement = jdbc.sql(sql).param("waba", wabaId).param("name", name);
        return (id == null ? statement : statement.param("id", id)).update();
    }

    private static Template template(ResultSet rs, int row) throws SQLException {
        var components = JSON.readValue(rs.getString("components"), new TypeReference<List<Map<String, Object>>>() { });
        var content = new TemplateContent(rs.getString("name"), rs.getString("language"), rs.getString("category"),
                rs.getBoolean("allow_category_change"), rs.getString("parameter_format"), components);
        return new Template(rs.getString("id"), rs.getString("waba_id"), content, rs.getString("status"),
                rs.getString("rejected_reason"), rs.getString("review_rule"), rs.getString("review_note"),
                SqlTime.instant(rs, "created_at"), rs.getString("quality_score"), SqlTime.instant(rs, "quality_date"),
                SqlTime.instant(rs, "flagged_at"), rs.getString("meta_template_id"));
    }
}
