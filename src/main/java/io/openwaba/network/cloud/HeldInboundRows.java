package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.shared.SqlTime;
import io.openwaba.shared.WorkQueue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Customers' messages held for a media download, and the ones of the same customer behind them. */
@OnCloud
@Repository
class HeldInboundRows {

    /** A held message: Meta's message object with the sender's profile name beside it. */
    record Held(long id, String phoneNumberId, String waId, String message) {
    }

    private final JdbcClient jdbc;
    private final WorkQueue<Held> heads;

    HeldInboundRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
        // Only the oldest message of each customer is due: the next waits until it is delivered.
        this.heads = WorkQueue.of(jdbc, "network_cloud_inbound_held", "id, phone_number_id, wa_id, message", """
                        id IN (SELECT MIN(h.id) FROM network_cloud_inbound_held h GROUP BY h.phone_number_id, h.wa_id)""",
                (rs, row) -> new Held(rs.getLong("id"), rs.getString("phone_number_id"), rs.getString("wa_id"),
                        rs.getString("message"))).leased("id", Held::id);
    }

    void hold(String phoneNumberId, String waId, String message, Instant at) {
        jdbc.sql("""
                INSERT INTO network_cloud_inbound_held (phone_number_id, wa_id, message, received_at)
                VALUES (:number, :waId, :message, :at)""")
                .param("number", phoneNumberId).param("waId", waId).param("message", message)
                .param("at", SqlTime.utc(at)).update();
    }

    /** Whether a message of this customer is held: a later one must wait behind it. */
    boolean holds(String phoneNumberId, String waId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM network_cloud_inbound_held WHERE phone_number_id = :number AND wa_id = :waId""")
                .param("number", phoneNumberId).param("waId", waId).query(Long.class).single() > 0;
    }

    List<Held> claim(int batch, WorkQueue.Lease lease) {
        return heads.claim(batch, Map.of(), lease);
    }

    void delete(long id) {
        jdbc.sql("DELETE FROM network_cloud_inbound_held WHERE id = :id").param("id", id).update();
    }
}
