package io.openwaba.messaging;

import io.openwaba.shared.SqlTime;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The customer service window per business number and customer. */
@Repository
class WindowRows {

    private static final int CHUNK = 5_000;

    private final JdbcClient jdbc;

    WindowRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The window's facts: when the customer last wrote, and the conversation that window opened. */
    record Window(Instant lastInboundAt, String conversationId, Instant openedAt) {
    }

    Optional<Window> find(String phoneNumberId, String waId) {
        return jdbc.sql("""
                SELECT last_inbound_at, conversation_id, opened_at FROM messaging_window
                WHERE phone_number_id = :number AND wa_id = :waId""")
                .param("number", phoneNumberId).param("waId", waId)
                .query((rs, row) -> new Window(SqlTime.instant(rs, "last_inbound_at"),
                        rs.getString("conversation_id"), SqlTime.instant(rs, "opened_at")))
                .optional();
    }

    /** The windows of these customers with the number, in one query per chunk of customers. */
    Map<String, Window> findAll(String phoneNumberId, Collection<String> waIds) {
        var found = new HashMap<String, Window>();
        var all = List.copyOf(waIds);
        for (int from = 0; from < all.size(); from += CHUNK) {
            jdbc.sql("""
                    SELECT wa_id, last_inbound_at, conversation_id, opened_at FROM messaging_window
                    WHERE phone_number_id = :number AND wa_id IN (:waIds)""")
                    .param("number", phoneNumberId).param("waIds", all.subList(from, Math.min(all.size(), from + CHUNK)))
                    .query((rs, row) -> found.put(rs.getString("wa_id"), new Window(SqlTime.instant(rs, "last_inbound_at"),
                            rs.getString("conversation_id"), SqlTime.instant(rs, "opened_at"))))
                    .list();
        }
        return found;
    }

    void update(String phoneNumberId, String waId, Window window) {
        if (updateExisting(phoneNumberId, waId, window) == 0) {
            int inserted = jdbc.sql("""
                    INSERT INTO messaging_window (phone_number_id, wa_id, last_inbound_at, conversation_id, opened_at)
                    VALUES (:number, :waId, :last, :conversation, :opened) ON CONFLICT DO NOTHING""")
                    .params(params(phoneNumberId, waId, window)).update();
            if (inserted == 0) {
                updateExisting(phoneNumberId, waId, window);
            }
        }
    }

    /**
     * Starts the next conversation in an open window, unless another node already did; the
     * customer's last message time is left alone. Returns the window as it now stands.
     */
    Window rollConversation(String phoneNumberId, String waId, Window expired, String conversationId, Instant now) {
        jdbc.sql("""
                UPDATE messaging_window SET conversation_id = :conversation, opened_at = :opened
                WHERE phone_number_id = :number AND wa_id = :waId AND opened_at = :expiredOpenedAt""")
                .param("conversation", conversationId).param("opened", SqlTime.utc(now))
                .param("number", phoneNumberId).param("waId", waId)
                .param("expiredOpenedAt", SqlTime.utc(expired.openedAt()))
                .update();
        return find(phoneNumberId, waId).orElse(expired);
    }

    private int updateExisting(String phoneNumberId, String waId, Window window) {
        return jdbc.sql("""
                UPDATE messaging_window SET last_inbound_at = :last, conversation_id = :conversation, opened_at = :opened
                WHERE phone_number_id = :number AND wa_id = :waId""")
                .params(params(phoneNumberId, waId, window)).update();
    }

    private static Map<String, Object> params(String phoneNumberId, String waId, Window window) {
        return Map.of("last", SqlTime.utc(window.lastInboundAt()),
                "conversation", window.conversationId(), "opened", SqlTime.utc(window.openedAt()),
                "number", phoneNumberId, "waId", waId);
    }
}
