package io.openwaba.webhooks;

import io.openwaba.shared.SqlTime;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The webhook queue table: PENDING rows are claimed in batches with a lease, then settled. */
@Repository
class EventRows {

    private static final String CLAIM = """
            SELECT id, event_id, waba_id, body, attempts, expires_at FROM webhooks_event
            WHERE state = 'PENDING' AND next_attempt_at <= :now AND (lease_until IS NULL OR lease_until < :wallNow)
            LIMIT :batch FOR UPDATE SKIP LOCKED""";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    EventRows(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    record NewEvent(String eventId, String wabaId, String field, String body, Instant at, Instant expiresAt) {
    }

    record Claimed(long id, String eventId, String wabaId, String body, int attempts, Instant expiresAt) {
    }

    record Settled(long id, int httpStatus, String error, Instant nextAttemptAt) {
    }

    public record DeadLetter(String eventId, String field, int attempts, Integer lastStatus, String lastError,
                             Instant createdAt, String body) {
    }

    void insertAll(List<NewEvent> events) {
        template.batchUpdate("""
                INSERT INTO webhooks_event (event_id, waba_id, field, body, state, next_attempt_at, expires_at, created_at)
                VALUES (?, ?, ?, ?, 'PENDING', ?, ?, ?)""", events, events.size(), (ps, e) -> {
            ps.setString(1, e.eventId());
            ps.setString(2, e.wabaId());
            ps.setString(3, e.field());
            ps.setString(4, e.body());
            ps.setObject(5, SqlTime.utc(e.at()));
            ps.setObject(6, SqlTime.utc(e.expiresAt()));
            ps.setObject(7, SqlTime.utc(e.at()));
        });
    }

    /**
     * Claims events due at {@code now} and stamps a lease; runs inside the caller's transaction.
     * Leases run on wall-clock time, so advancing the sandbox clock never steals a batch in flight.
     */
    List<Claimed> claim(int batch, Instant now, Instant wallNow, Instant leaseUntil, String node) {
        List<Claimed> claimed = jdbc.sql(CLAIM).param("now", SqlTime.utc(now)).param("wallNow", SqlTime.utc(wallNow))
                .param("batch", batch)
                .query((rs, row) -> new Claimed(rs.getLong("id"), rs.getString("event_id"), rs.getString("waba_id"),
                        rs.getString("body"), rs.getInt("attempts"), SqlTime.instant(rs, "expires_at")))
                .list();
        if (!claimed.isEmpty()) {
            jdbc.sql("UPDATE webhooks_event SET lease_until = :until, claimed_by = :node WHERE id IN (:ids)")
                    .param("until", SqlTime.utc(leaseUntil)).param("node", node)
                    .param("ids", claimed.stream().map(Claimed::id).toList()).update();
        }
        return claimed;
    }

    void markDelivered(List<Settled> settled, Instant at) {
        template.batchUpdate("""
                UPDATE webhooks_event SET state = 'DELIVERED', attempts = attempts + 1, delivered_at = ?,
                    last_status = ?, last_error = NULL, lease_until = NULL WHERE id = ?""",
                settled, settled.size(), (ps, s) -> {
                    ps.setObject(1, SqlTime.utc(at));
                    ps.setInt(2, s.httpStatus());
                    ps.setLong(3, s.id());
                });
    }

    void markRetry(List<Settled> settled) {
        template.batchUpdate("""
                UPDATE webhooks_event SET attempts = attempts + 1, next_attempt_at = ?, last_status = ?,
                    last_error = ?, lease_until = NULL WHERE id = ?""",
                settled, settled.size(), (ps, s) -> {
                    ps.setObject(1, SqlTime.utc(s.nextAttemptAt()));
                    setStatus(ps, 2, s.httpStatus());
                    ps.setString(3, truncate(s.error()));
                    ps.setLong(4, s.id());
                });
    }

    void markDead(List<Settled> settled) {
        template.batchUpdate("""
                UPDATE webhooks_event SET state = 'DEAD', attempts = attempts + 1, last_status = ?, last_error = ?,
                    lease_until = NULL WHERE id = ?""",
                settled, settled.size(), (ps, s) -> {
                    setStatus(ps, 1, s.httpStatus());
                    ps.setString(2, truncate(s.error()));
                    ps.setLong(3, s.id());
                });
    }

    List<DeadLetter> deadLetters(String wabaId, int limit) {
        return jdbc.sql("""
                SELECT event_id, field, attempts, last_status, last_error, created_at, body FROM webhooks_event
                WHERE waba_id = :waba AND state = 'DEAD' ORDER BY id LIMIT :limit""")
                .param("waba", wabaId).param("limit", limit)
                .query(EventRows::deadLetter).list();
    }

    /** Puts dead (or, for one named event, any) events back in the queue with a fresh retry period. */
    int replay(String wabaId, String eventId, Instant now, Instant expiresAt) {
        var sql = "UPDATE webhooks_event SET state = 'PENDING', attempts = 0, next_attempt_at = :now, expires_at = :expires,"
                + " lease_until = NULL WHERE waba_id = :waba AND "
                + (eventId == null ? "state = 'DEAD'" : "event_id = :event AND state <> 'PENDING'");
        var statement = jdbc.sql(sql).param("now", SqlTime.utc(now)).param("expires", SqlTime.utc(expiresAt)).param("waba", wabaId);
        if (eventId != null) {
            statement = statement.param("event", eventId);
        }
        return statement.update();
    }

    boolean exists(String wabaId, String eventId) {
        return jdbc.sql("SELECT COUNT(*) FROM webhooks_event WHERE waba_id = :waba AND event_id = :event")
                .param("waba", wabaId).param("event", eventId).query(Long.class).single() > 0;
    }

    private static DeadLetter deadLetter(ResultSet rs, int row) throws SQLException {
        int status = rs.getInt("last_status");
        Integer lastStatus = rs.wasNull() ? null : status;
        return new DeadLetter(rs.getString("event_id"), rs.getString("field"), rs.getInt("attempts"),
                lastStatus, rs.getString("last_error"), SqlTime.instant(rs, "created_at"),
                rs.getString("body"));
    }

    private static void setStatus(PreparedStatement ps, int index, int status) throws SQLException {
        if (status > 0) {
            ps.setInt(index, status);
        } else {
            ps.setNull(index, Types.INTEGER);
        }
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }

}
