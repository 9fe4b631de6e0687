package io.openwaba.inbox;

import io.openwaba.shared.SqlTime;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AutoReplyRows {

    private final JdbcClient jdbc;

    AutoReplyRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AutoReply> find(String phoneNumberId) {
        return jdbc.sql("SELECT * FROM inbox_auto_reply WHERE phone_number_id = :number")
                .param("number", phoneNumberId)
                .query((rs, row) -> new AutoReply(rs.getString("phone_number_id"), rs.getBoolean("enabled"),
                        rs.getString("greeting"), rs.getString("button_title"),
                        AutoReply.keywords(rs.getString("keywords")), rs.getString("handoff_reply"),
                        rs.getString("away_message")))
                .optional();
    }

    void save(String businessId, AutoReply reply, Instant at) {
        var params = new java.util.HashMap<String, Object>();
        params.put("number", reply.phoneNumberId());
        params.put("business", businessId);
        params.put("enabled", reply.enabled());
        params.put("greeting", reply.greeting());
        params.put("button", reply.buttonTitle());
        params.put("keywords", String.join(", ", reply.keywords()));
        params.put("handoff", reply.handoffReply());
        params.put("away", reply.awayMessage());
        params.put("at", SqlTime.utc(at));
        var update = """
                UPDATE inbox_auto_reply SET business_id = :business, enabled = :enabled, greeting = :greeting,
                    button_title = :button, keywords = :keywords, handoff_reply = :handoff, away_message = :away,
                    updated_at = :at
                WHERE phone_number_id = :number""";
        // The loser of two first saves at once updates after all.
        if (jdbc.sql(update).params(params).update() == 0 && jdbc.sql("""
                INSERT INTO inbox_auto_reply (phone_number_id, business_id, enabled, greeting, button_title,
                    keywords, handoff_reply, away_message, updated_at)
                VALUES (:number, :business, :enabled, :greeting, :button, :keywords, :handoff, :away, :at)
                ON CONFLICT DO NOTHING""").params(params).update() == 0) {
            jdbc.sql(update).params(params).update();
        }
    }
}
