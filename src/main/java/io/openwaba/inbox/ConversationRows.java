package io.openwaba.inbox;

import io.openwaba.shared.NodeIds;
import io.openwaba.shared.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ConversationRows {

    private final JdbcClient jdbc;

    ConversationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The customer wrote: the conversation's last message and unread count move on, and a
     * resolved one is pending again. Created when there is none; two messages racing to create
     * it both land (the loser of the insert updates).
     */
    void customerWrote(String businessId, String phoneNumberId, String waId, String name, String text, Instant at) {
        if (update(businessId, phoneNumberId, waId, name, text, at) > 0) {
            return;
        }
        int inserted = jdbc.sql("""
                INSERT INTO inbox_conversation (id, business_id, phone_number_id, wa_id, customer_name, status,
                    last_message_at, last_message_text, unread, created_at)
                VALUES (:id, :business, :number, :waId, :name, 'PENDING', :at, :text, 1, :at)
                ON CONFLICT DO NOTHING""")
                .param("id", NodeIds.next()).param("business", businessId).param("number", phoneNumberId)
                .param("waId", waId).param("name", name).param("at", SqlTime.utc(at)).param("text", text).update();
        if (inserted == 0) {
            update(businessId, phoneNumberId, waId, name, text, at);
        }
    }

    /** The number's business now: a number migrated to another business takes its conversations along. */
    private int update(String businessId, String phoneNumberId, String waId, String name, String text, Instant at) {
        return jdbc.sql("""
                UPDATE inbox_conversation SET unread = unread + 1, business_id = :business,
                    customer_name = COALESCE(:name, customer_name),
                    status = CASE WHEN status = 'RESOLVED' THEN 'PENDING' ELSE status END,
                    last_message_text = CASE WHEN last_message_at <= :at THEN :text ELSE last_message_text END,
                    last_message_at = CASE WHEN last_message_at <= :at THEN :at ELSE last_message_at END
                WHERE phone_number_id = :number AND wa_id = :waId""")
                .param("business", businessId).param("name", name).param("at", SqlTime.utc(at)).param("text", text)
                .param("number", phoneNumberId).param("waId", waId).update();
    }

    List<Conversation> ofBusiness(String businessId, int limit) {
        return jdbc.sql("""
                SELECT * FROM inbox_conversation WHERE business_id = :business
                ORDER BY last_message_at DESC, id LIMIT :limit""")
                .param("business", businessId).param("limit", limit)
                .query((rs, row) -> conversation(rs)).list();
    }

    private static Conversation conversation(ResultSet rs) throws SQLException {
        return new Conversation(rs.getString("id"), rs.getString("business_id"), rs.getString("phone_number_id"),
                rs.getString("wa_id"), rs.getString("customer_name"), ConversationStatus.valueOf(rs.getString("status")),
                SqlTime.instant(rs, "last_message_at"), rs.getString("last_message_text"), rs.getInt("unread"));
    }
}
