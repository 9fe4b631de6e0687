package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.shared.SqlTime;
import io.openwaba.shared.WorkQueue;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Meta's webhook deliveries between the 200 and their application. */
@OnCloud
@Repository
class MetaInboxRows {

    /** A stored delivery: its raw JSON and how often applying it has failed. */
    record Delivery(long id, String body, int attempts) {
    }

    private final JdbcClient jdbc;
    private final WorkQueue<Delivery> pending;

    MetaInboxRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.pending = WorkQueue.of(jdbc, "network_cloud_inbox", "id, body, attempts",
                "state = 'PENDING' AND due_at <= :now", (rs, row) -> delivery(rs));
    }

    void insert(String body, Instant at) {
        jdbc.sql("""
                INSERT INTO network_cloud_inbox (body, received_at, due_at, attempts, state)
                VALUES (:body, :at, :at, 0, 'PENDING')""")
                .param("body", body).param("at", SqlTime.utc(at)).update();
    }

    /** Up to {@code batch} due deliveries, locked until the caller's transaction ends. */
    List<Delivery> claim(int batch, Instant now) {
        return pending.claim(batch, Map.of("now", SqlTime.utc(now)));
    }

    /** The delivery, locked for the caller's transaction, unless another node holds it or it is gone. */
    Optional<Delivery> lock(long id) {
        return jdbc.sql("SELECT id, body, attempts FROM network_cloud_inbox WHERE id = :id AND state = 'PENDING'"
                        + " FOR UPDATE SKIP LOCKED")
                .param("id", id).query((rs, row) -> delivery(rs)).optional();
    }

    void delete(List<Long> ids) {
        jdbc.sql("DELETE FROM network_cloud_inbox WHERE id IN (:ids)").param("ids", ids).update();
    }

    void failed(long id, int attempts, boolean last, String error, Instant retryAt) {
        jdbc.sql("""
                UPDATE network_cloud_inbox SET attempts = :attempts, state = :state, last_error = :error, due_at = :due
                WHERE id = :id""")
                .param("attempts", attempts).param("state", last ? "FAILED" : "PENDING")
                .param("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .param("due", SqlTime.utc(retryAt)).param("id", id).update();
    }

    /** How many deliveries wait to be applied, and how many were given up on. */
    long count(String state) {
        return jdbc.sql("SELECT COUNT(*) FROM network_cloud_inbox WHERE state = :state").param("state", state)
                .query(Long.class).single();
    }

    private static Delivery delivery(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Delivery(rs.getLong("id"), rs.getString("body"), rs.getInt("attempts"));
    }
}
