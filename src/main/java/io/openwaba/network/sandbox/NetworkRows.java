package io.openwaba.network.sandbox;

import io.openwaba.network.OnSandbox;
import io.openwaba.shared.SqlTime;
import io.openwaba.shared.WorkQueue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The emulated network's tables: customers, blocks, chats and pending acknowledgements. */
@OnSandbox
@Repository
class NetworkRows {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final WorkQueue<Ack> acks;

    NetworkRows(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
        this.acks = WorkQueue.of(jdbc, "network_ack", "wamid, status, taken_at, due_at", "due_at <= :now",
                (rs, row) -> new Ack(rs.getString("wamid"), rs.getString("status"), SqlTime.instant(rs, "taken_at"),
                        SqlTime.instant(rs, "due_at")));
    }

    /** The acknowledgement a phone owes for a message it took at {@code takenAt}: {@code status}, due at {@code dueAt}. */
    record Ack(String wamid, String status, Instant takenAt, Instant dueAt) {
    }

    boolean insertCustomer(Customer customer) {
        return jdbc.sql("""
                INSERT INTO network_customer (wa_id, name, country, created_at) VALUES (:waId, :name, :country, :at)
                ON CONFLICT DO NOTHING""")
                .param("waId", customer.waId()).param("name", customer.name()).param("country", customer.country())
                .param("at", SqlTime.utc(customer.createdAt())).update() > 0;
    }

    void deleteCustomer(String waId) {
        jdbc.sql("DELETE FROM network_customer WHERE wa_id = :waId").param("waId", waId).update();
        jdbc.sql("DELETE FROM network_block WHERE wa_id = :waId").param("waId", waId).update();
    }

    Optional<Customer> customer(String waId) {
        return jdbc.sql("SELECT * FROM network_customer WHERE wa_id = :waId").param("waId", waId)
                .query(NetworkRows::customer).optional();
    }

    List<Customer> customers() {
        return jdbc.sql("SELECT * FROM network_customer ORDER BY created_at, wa_id").query(NetworkRows::customer).list();
    }

    Set<String> existingCustomers(Collection<String> waIds) {
        return Set.copyOf(jdbc.sql("SELECT wa_id FROM network_customer WHERE wa_id IN (:ids)").param("ids", waIds)
                .query(String.class).list());
    }

    Set<String> blockedPairs(Collection<String> waIds) {
        return Set.copyOf(jdbc.sql("SELECT wa_id || '/' || phone_number_id FROM network_block WHERE wa_id IN (:ids)")
                .param("ids", waIds).query(String.class).list());
    }

    void block(String waId, String phoneNumberId, Instant at) {
        jdbc.sql("INSERT INTO network_block (wa_id, phone_number_id, blocked_at) VALUES (:waId, :number, :at)"
                        + " ON CONFLICT DO NOTHING")
                .param("waId", waId).param("number", phoneNumberId).param("at", SqlTime.utc(at)).update();
    }

    void unblock(String waId, String phoneNumberId) {
        jdbc.sql("DELETE FROM network_block WHERE wa_id = :waId AND phone_number_id = :number")
                .param("waId", waId).param("number", phoneNumberId).update();
    }

    List<String> blockedNumbers(String waId) {
        return jdbc.sql("SELECT phone_number_id FROM network_block WHERE wa_id = :waId ORDER BY blocked_at")
                .param("waId", waId).query(String.class).list();
    }

    /** Adds lines to chats; a wamid already in a chat is skipped, so a re-dispatch delivers nothing twice. */
    void insertChat(List<ChatRow> rows) {
        template.batchUpdate("""
                INSERT INTO network_chat_message (wamid, wa_id, phone_number_id, direction, type, payload, status,
                    created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""", rows, rows.size(), (ps, r) -> {
            ps.setString(1, r.wamid());
            ps.setString(2, r.waId());
            ps.setString(3, r.phoneNumberId());
            ps.setString(4, r.direction());
            ps.setString(5, r.type());
            ps.setString(6, r.payload());
            ps.setString(7, r.status());
            ps.setObject(8, SqlTime.utc(r.at()));
            ps.setObject(9, SqlTime.utc(r.at()));
        });
    }

    record ChatRow(String wamid, String waId, String phoneNumberId, String direction, String type, String payload,
                   String status, Instant at) {
    }

    /**
     * The latest lines of a customer's chat. While a phone still owes acknowledgements, a line's
     * status is the one before the next acknowledgement due; the line itself is written once more, at the end.
     */
    List<ChatMessage> chat(String waId, int limit) {
        return jdbc.sql("""
                SELECT recent.*, a.status AS next_ack FROM (
                    SELECT * FROM network_chat_message WHERE wa_id = :waId ORDER BY id DESC LIMIT :limit) recent
                LEFT JOIN network_ack a ON a.wamid = recent.wamid
                ORDER BY recent.id""")
                .param("waId", waId).param("limit", limit)
                .query((rs, row) -> new ChatMessage(rs.getString("wamid"), rs.getString("phone_number_id"),
                        rs.getString("direction"), rs.getString("type"), rs.getString("payload"),
                        shownStatus(rs.getString("status"), rs.getString("next_ack")),
                        SqlTime.instant(rs, "created_at")))
                .list();
    }

    private static String shownStatus(String written, String nextAck) {
        if (nextAck == null) {
            return written;
        }
        return switch (nextAck) {
            case "delivered" -> "sent";
            case "read" -> "delivered";
            default -> written;
        };
    }

    /** Writes the final status (read or failed) of lines whose phones have no acknowledgement left to give. */
    void updateChatStatuses(List<Ack> acks, Instant at) {
        template.batchUpdate("UPDATE network_chat_message SET status = ?, updated_at = ? WHERE wamid = ?",
                acks, acks.size(), (ps, a) -> {
                    ps.setString(1, a.status());
                    ps.setObject(2, SqlTime.utc(at));
                    ps.setString(3, a.wamid());
                });
    }

    void markChatRead(List<String> wamids, Instant at) {
        if (!wamids.isEmpty()) {
            jdbc.sql("UPDATE network_chat_message SET status = 'read', updated_at = :at WHERE wamid IN (:wamids)")
                    .param("at", SqlTime.utc(at)).param("wamids", wamids).update();
        }
    }

    void startTyping(String waId, String phoneNumberId, Instant until) {
        int created = jdbc.sql("INSERT INTO network_typing (wa_id, phone_number_id, until) VALUES (:waId, :number, :until)"
                        + " ON CONFLICT DO NOTHING")
                .param("waId", waId).param("number", phoneNumberId).param("until", SqlTime.utc(until)).update();
        if (created == 0) {
            jdbc.sql("UPDATE network_typing SET until = :until WHERE wa_id = :waId AND phone_number_id = :number")
                    .param("waId", waId).param("number", phoneNumberId).param("until", SqlTime.utc(until)).update();
        }
    }

    /** A message from the number ends its typing indicator. */
    void stopTyping(List<ChatRow> delivered) {
        template.batchUpdate("DELETE FROM network_typing WHERE wa_id = ? AND phone_number_id = ?", delivered,
                delivered.size(), (ps, row) -> {
                    ps.setString(1, row.waId());
                    ps.setString(2, row.phoneNumberId());
                });
    }

    List<String> typingNumbers(String waId, Instant now) {
        return jdbc.sql("SELECT phone_number_id FROM network_typing WHERE wa_id = :waId AND until > :now"
                        + " ORDER BY phone_number_id")
                .param("waId", waId).param("now", SqlTime.utc(now)).query(String.class).list();
    }

    void insertAcks(List<Ack> acks) {
        // A message dispatched again (an expired lease) keeps the acknowledgement it already has.
        template.batchUpdate("INSERT INTO network_ack (wamid, status, taken_at, due_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING", acks, acks.size(), (ps, a) -> {
                    ps.setString(1, a.wamid());
                    ps.setString(2, a.status());
                    ps.setObject(3, SqlTime.utc(a.takenAt()));
                    ps.setObject(4, SqlTime.utc(a.dueAt()));
                });
    }

    /** Moves each phone on to its next acknowledgement. */
    void updateAcks(List<Ack> acks) {
        template.batchUpdate("UPDATE network_ack SET status = ?, taken_at = ?, due_at = ? WHERE wamid = ?",
                acks, acks.size(), (ps, a) -> {
                    ps.setString(1, a.status());
                    ps.setObject(2, SqlTime.utc(a.takenAt()));
                    ps.setObject(3, SqlTime.utc(a.dueAt()));
                    ps.setString(4, a.wamid());
                });
    }

    /**
     * Due acknowledgements, locked until the caller's transaction ends; other nodes skip them.
     */
    List<Ack> claimDueAcks(Instant now, int batch) {
        return acks.claim(batch, Map.of("now", SqlTime.utc(now)));
    }

    void deleteAcks(List<Ack> acks) {
        if (!acks.isEmpty()) {
            jdbc.sql("DELETE FROM network_ack WHERE wamid IN (:wamids)")
                    .param("wamids", acks.stream().map(Ack::wamid).toList()).update();
        }
    }

    private static Customer customer(ResultSet rs, int row) throws SQLException {
        return new Customer(rs.getString("wa_id"), rs.getString("name"), rs.getString("country"),
                SqlTime.instant(rs, "created_at"));
    }

}
