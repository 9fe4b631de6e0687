package io.openwaba.messaging;

import io.openwaba.shared.SqlTime;
import io.openwaba.shared.WorkQueue;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Messages in both directions and the outbound dispatch queue. */
@Repository
class MessageRows {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final WorkQueue<String> dispatch;

    MessageRows(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
        this.dispatch = WorkQueue.of(jdbc, "messaging_dispatch", "wamid", "due_at <= :now",
                (rs, row) -> rs.getString("wamid")).leased("wamid", wamid -> wamid);
    }

    record NewMessage(String wamid, String direction, String phoneNumberId, String wabaId, String waId, String type,
                      String payload, String status, String conversationId, Instant conversationExpiresAt,
                      String callbackData, String pricingCategory, String templateId, Instant at) {
    }

    /** What a status update needs to know about the message it reports on. */
    record Tracked(String wamid, String status, String phoneNumberId, String wabaId, String waId,
                   String conversationId, Instant conversationExpiresAt, String callbackData, String pricingCategory) {
    }

    /** A message moving from status {@code from} to {@code to}. */
    record StatusChange(String wamid, String from, String to, Integer errorCode, Instant at) {
    }

    private static final String INSERT_MESSAGE = """
            INSERT INTO messaging_message (wamid, direction, phone_number_id, waba_id, wa_id, type, payload, status,
                conversation_id, conversation_expires_at, callback_data, pricing_category, template_id, created_at,
                updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** Stores accepted outbound messages together with their dispatch entries. */
    void insertOutbound(List<NewMessage> messages) {
        template.batchUpdate(INSERT_MESSAGE, messages, messages.size(), (ps, m) -> bindMessage(ps, m));
        template.batchUpdate("INSERT INTO messaging_dispatch (wamid, due_at) VALUES (?, ?)", messages,
                messages.size(), (ps, m) -> {
                    ps.setString(1, m.wamid());
                    ps.setObject(2, SqlTime.utc(m.at()));
                });
    }

    /** Stores an inbound message unless its wamid is already known; true if it is new. */
    boolean insertInbound(NewMessage message) {
        return template.update(INSERT_MESSAGE + " ON CONFLICT DO NOTHING", ps -> bindMessage(ps, message)) > 0;
    }

    /** Claims messages due at {@code now} under a lease that runs on wall-clock time ({@code wallNow}). */
    List<OutboundMessage> claimDispatch(int batch, Instant now, Instant wallNow, Instant leaseUntil, String node) {
        var wamids = dispatch.claim(batch, Map.of("now", SqlTime.utc(now)), new WorkQueue.Lease(wallNow, leaseUntil, node));
        if (wamids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT wamid, phone_number_id, waba_id, wa_id, type, payload, created_at FROM messaging_message
                WHERE wamid IN (:wamids)""")
                .param("wamids", wamids)
                .query((rs, row) -> new OutboundMessage(rs.getString("wamid"), rs.getString("phone_number_id"),
                        rs.getString("waba_id"), rs.getString("wa_id"), rs.getString("type"),
                        rs.getString("payload"), SqlTime.instant(rs, "created_at")))
                .list();
    }

    void completeDispatch(Collection<String> wamids) {
        if (!wamids.isEmpty()) {
            jdbc.sql("DELETE FROM messaging_dispatch WHERE wamid IN (:wamids)").param("wamids", wamids).update();
        }
    }

    /** Hands these messages over again at their time, releasing the lease. */
    void postponeDispatch(Map<String, Instant> dueAt) {
        if (!dueAt.isEmpty()) {
            template.batchUpdate("UPDATE messaging_dispatch SET due_at = ?, lease_until = NULL WHERE wamid = ?",
                    List.copyOf(dueAt.entrySet()), dueAt.size(), (ps, entry) -> {
                        ps.setObject(1, SqlTime.utc(entry.getValue()));
                        ps.setString(2, entry.getKey());
                    });
        }
    }

    List<Tracked> tracked(Collection<String> wamids) {
        if (wamids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT wamid, status, phone_number_id, waba_id, wa_id, conversation_id, conversation_expires_at,
                    callback_data, pricing_category
                FROM messaging_message WHERE wamid IN (:wamids) AND direction = 'OUT'""")
                .param("wamids", wamids)
                .query((rs, row) -> new Tracked(rs.getString("wamid"), rs.getString("status"),
                        rs.getString("phone_number_id"), rs.getString("waba_id"), rs.getString("wa_id"),
                        rs.getString("conversation_id"), SqlTime.instant(rs, "conversation_expires_at"),
                        rs.getString("callback_data"), rs.getString("pricing_category")))
                .list();
    }

    /** The business number a message (either direction) belongs to. */
    Optional<String> numberOf(String wamid) {
        return jdbc.sql("SELECT phone_number_id FROM messaging_message WHERE wamid = :wamid")
                .param("wamid", wamid).query(String.class).optional();
    }

    record Received(String wamid, String waId, Instant at) {
    }

    Optional<Received> received(String phoneNumberId, String wamid) {
        return jdbc.sql("""
                SELECT wamid, wa_id, created_at FROM messaging_message
                WHERE wamid = :wamid AND phone_number_id = :number AND direction = 'IN'""")
                .param("wamid", wamid).param("number", phoneNumberId)
                .query((rs, row) -> new Received(rs.getString("wamid"), rs.getString("wa_id"),
                        SqlTime.instant(rs, "created_at")))
                .optional();
    }

    /** Marks the customer's messages up to and including {@code upTo} as read; answers their wamids, oldest first. */
    List<String> markReceivedRead(String phoneNumberId, Received upTo, Instant at) {
        var wamids = jdbc.sql("""
                SELECT wamid FROM messaging_message
                WHERE phone_number_id = :number AND wa_id = :waId AND direction = 'IN' AND status = 'received'
                    AND created_at <= :upTo
                ORDER BY created_at""")
                .param("number", phoneNumberId).param("waId", upTo.waId()).param("upTo", SqlTime.utc(upTo.at()))
                .query(String.class).list();
        if (!wamids.isEmpty()) {
            jdbc.sql("UPDATE messaging_message SET status = 'read', updated_at = :at WHERE wamid IN (:wamids)")
                    .param("at", SqlTime.utc(at)).param("wamids", wamids).update();
        }
        return wamids;
    }

    void updatePayload(String wamid, String payload) {
        jdbc.sql("UPDATE messaging_message SET payload = :payload WHERE wamid = :wamid")
                .param("payload", payload).param("wamid", wamid).update();
    }

    /** Moves each message that still has its {@code from} status; answers the wamids that moved. */
    Set<String> moveStatuses(List<StatusChange> changes) {
        if (changes.isEmpty()) {
            return Set.of();
        }
        int[][] counts = template.batchUpdate("""
                UPDATE messaging_message SET status = ?, error_code = ?, updated_at = ?
                WHERE wamid = ? AND status = ?""", changes, changes.size(), (ps, c) -> {
                    ps.setString(1, c.to());
                    if (c.errorCode() == null) {
                        ps.setNull(2, Types.INTEGER);
                    } else {
                        ps.setInt(2, c.errorCode());
                    }
                    ps.setObject(3, SqlTime.utc(c.at()));
                    ps.setString(4, c.wamid());
                    ps.setString(5, c.from());
                });
        var moved = new HashSet<String>();
        for (int i = 0; i < changes.size(); i++) {
            if (counts[0][i] != 0) {
                moved.add(changes.get(i).wamid());
            }
        }
        return moved;
    }

    private static void bindMessage(PreparedStatement ps, NewMessage m) throws SQLException {
        ps.setString(1, m.wamid());
        ps.setString(2, m.direction());
        ps.setString(3, m.phoneNumberId());
        ps.setString(4, m.wabaId());
        ps.setString(5, m.waId());
        ps.setString(6, m.type());
        ps.setString(7, m.payload());
        ps.setString(8, m.status());
        ps.setString(9, m.conversationId());
        ps.setObject(10, SqlTime.utc(m.conversationExpiresAt()));
        ps.setString(11, m.callbackData());
        ps.setString(12, m.pricingCategory());
        ps.setString(13, m.templateId());
        ps.setObject(14, SqlTime.utc(m.at()));
        ps.setObject(15, SqlTime.utc(m.at()));
    }
}
