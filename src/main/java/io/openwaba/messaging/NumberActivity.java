package io.openwaba.messaging;

import io.openwaba.numbers.NumberSignals;
import io.openwaba.shared.SqlTime;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The message side of a number's quality: templates and the customers they reached, and unanswered customers. */
@Repository
class NumberActivity implements NumberSignals {

    private final JdbcClient jdbc;

    NumberActivity(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public MessageSignals since(String phoneNumberId, Instant since, Instant slowSince) {
        var templates = jdbc.sql("""
                SELECT COUNT(DISTINCT wa_id) AS reached, COUNT(*) AS templates FROM messaging_message
                WHERE phone_number_id = :number AND direction = 'OUT' AND template_id IS NOT NULL
                    AND created_at > :since""")
                .param("number", phoneNumberId).param("since", SqlTime.utc(since))
                .query((rs, row) -> new int[] {rs.getInt("reached"), rs.getInt("templates")}).single();
        var wrote = jdbc.sql("""
                SELECT COUNT(*) AS wrote,
                    SUM(CASE WHEN w.last_inbound_at <= :slowSince AND NOT EXISTS (SELECT 1 FROM messaging_message m
                        WHERE m.phone_number_id = w.phone_number_id AND m.wa_id = w.wa_id AND m.direction = 'OUT'
                            AND m.created_at >= w.last_inbound_at) THEN 1 ELSE 0 END) AS slow
                FROM messaging_window w WHERE w.phone_number_id = :number AND w.last_inbound_at > :since""")
                .param("number", phoneNumberId).param("since", SqlTime.utc(since))
                .param("slowSince", SqlTime.utc(slowSince))
                .query((rs, row) -> new int[] {rs.getInt("wrote"), rs.getInt("slow")}).single();
        return new MessageSignals(templates[0], templates[1], wrote[0], wrote[1]);
    }
}
