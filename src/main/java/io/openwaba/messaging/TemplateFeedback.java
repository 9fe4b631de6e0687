package io.openwaba.messaging;

import io.openwaba.shared.SqlTime;
import io.openwaba.templates.TemplateSignals;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What customers did with template messages: read them, replied, blocked the number or
 * reported it. The template module reads it to score template quality.
 */
@Repository
class TemplateFeedback implements TemplateSignals {

    private final JdbcClient jdbc;

    TemplateFeedback(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counts a block or report against the template of the customer's latest template message since {@code since}. */
    void record(String phoneNumberId, String waId, String kind, Instant at, Instant since) {
        jdbc.sql("""
                INSERT INTO messaging_template_feedback (template_id, wa_id, kind, at)
                SELECT template_id, wa_id, :kind, :at FROM messaging_message
                WHERE phone_number_id = :number AND wa_id = :waId AND direction = 'OUT' AND template_id IS NOT NULL
                    AND created_at >= :since
                ORDER BY created_at DESC LIMIT 1""")
                .param("kind", kind).param("at", SqlTime.utc(at)).param("number", phoneNumberId).param("waId", waId)
                .param("since", SqlTime.utc(since)).update();
    }

    @Override
    public Signals since(String templateId, Instant since) {
        var sent = jdbc.sql("""
                SELECT COUNT(*) AS sent,
                    SUM(CASE WHEN m.status = 'read' THEN 1 ELSE 0 END) AS read_count,
                    SUM(CASE WHEN EXISTS (SELECT 1 FROM messaging_message r WHERE r.direction = 'IN'
                        AND r.phone_number_id = m.phone_number_id AND r.wa_id = m.wa_id AND r.created_at > m.created_at)
                        THEN 1 ELSE 0 END) AS replied
                FROM messaging_message m WHERE m.template_id = :template AND m.created_at >= :since""")
                .param("template", templateId).param("since", SqlTime.utc(since))
                .query((rs, row) -> new int[] {rs.getInt("sent"), rs.getInt("read_count"), rs.getInt("replied")})
                .single();
        var feedback = jdbc.sql("""
                SELECT SUM(CASE WHEN kind = 'BLOCK' THEN 1 ELSE 0 END) AS blocked,
                    SUM(CASE WHEN kind = 'REPORT' THEN 1 ELSE 0 END) AS reported
                FROM messaging_template_feedback WHERE template_id = :template AND at >= :since""")
                .param("template", templateId).param("since", SqlTime.utc(since))
                .query((rs, row) -> new int[] {rs.getInt("blocked"), rs.getInt("reported")}).single();
        return new Signals(sent[0], sent[1], sent[2], feedback[0], feedback[1]);
    }
}
