package io.openwaba.webhooks;

import io.openwaba.shared.SqlTime;
import io.openwaba.shared.WorkQueue;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The webhook event log ({@code webhooks_event}: what was sent, written once), the delivery
 * queue ({@code webhooks_delivery}: small rows, claimed in batches with a lease, deleted once
 * delivered) and the dead letters ({@code webhooks_dead_letter}: events out of retries).
 */
@Repository
class EventRows {

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final WorkQueue<Due> deliveries;

    EventRows(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
        this.deliveries = WorkQueue.of(jdbc, "webhooks_delivery", "event_pk, waba_id, attempts, expires_at",
                "next_attempt_at <= :now", (rs, row) -> new Due(rs.getLong("event_pk"), rs.getString("waba_id"),
                        rs.getInt("attempts"), SqlTime.instant(rs, "expires_at"))).leased("event_pk", Due::id);
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

    private record Due(long id, String wabaId, int attempts, Instant expiresAt) {
    }

    void insertAll(List<NewEvent> events) {
        var keys = new GeneratedKeyHolder();
        template.batchUpdate(connection -> connection.prepareStatement("""
                INSERT INTO webhooks_event (event_id, waba_id, field, body, created_at) VALUES (?, ?, ?, ?, ?)""",
                new String[] {"id"}), new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                var e = events.get(i);
                ps.setString(1, e.eventId());
                ps.setString(2, e.wabaId());
                ps.setString(3, e.field());
                ps.setString(4, e.body());
                ps.setObject(5, SqlTime.utc(e.at()));
            }

            @Override
            public int getBatchSize() {
                return events.size();
            }
        }, keys);
        var ids = keys.getKeyList().stream().map(row -> ((Number) row.get("id")).longValue()).toList();
        template.batchUpdate("""
                INSERT INTO webhooks_delivery (event_pk, waba_id, next_attempt_at, expires_at)
                VALUES (?, ?, ?, ?)""", IntStream.range(0, events.size()).boxed().toList(), events.size(),
                (ps, i) -> {
                    var e = events.get(i);
                    ps.setLong(1, ids.get(i));
                    ps.setString(2, e.wabaId());
                    ps.setObject(3, SqlTime.utc(e.at()));
                    ps.setObject(4, SqlTime.utc(e.expiresAt()));
                });
    }

    /**
     * Claims events due at {@code now} and stamps a lease; runs inside the caller's transaction.
     * Leases run on wall-clock time, so advancing the sandbox clock never steals a batch in flight.
     */
    List<Claimed> claim(int batch, Instant now, Instant wallNow, Instant leaseUntil, String node) {
        var due = deliveries.claim(batch, Map.of("now", SqlTime.utc(now)), new WorkQueue.Lease(wallNow, leaseUntil, node));
        if (due.isEmpty()) {
            return List.of();
        }
        var ids = due.stream().map(Due::id).toList();
        var logged = new HashMap<Long, String[]>();
        jdbc.sql("SELECT id, event_id, body FROM webhooks_event WHERE id IN (:ids)").param("ids", ids)
                .query(rs -> {
                    logged.put(rs.getLong("id"), new String[] {rs.getString("event_id"), rs.getString("body")});
                });
        return due.stream().map(d -> {
            var event = logged.get(d.id());
            return new Claimed(d.id(), event[0], d.wabaId(), event[1], d.attempts(), d.expiresAt());
        }).toList();
    }

    void markDelivered(List<Settled> settled) {
        if (!settled.isEmpty()) {
            jdbc.sql("DELETE FROM webhooks_delivery WHERE event_pk IN (:ids)")
                    .param("ids", settled.stream().map(Settled::id).toList()).update();
        }
    }

    void markRetry(List<Settled> settled) {
        template.batchUpdate("""
                UPDATE webhooks_delivery SET attempts = attempts + 1, next_attempt_at = ?, last_status = ?,
                    last_error = ?, lease_until = NULL WHERE event_pk = ?""",
                settled, settled.size(), (ps, s) -> {
                    ps.setObject(1, SqlTime.utc(s.nextAttemptAt()));
                    setStatus(ps, 2, s.httpStatus());
                    ps.setString(3, truncate(s.error()));
                    ps.setLong(4, s.id());
                });
    }

    /** Moves events out of retries to the dead letters. */
    void markDead(List<Settled> settled, Instant at) {
        if (settled.isEmpty()) {
            return;
        }
        template.batchUpdate("""
                INSERT INTO webhooks_dead_letter (event_pk, waba_id, attempts, last_status, last_error, died_at)
                SELECT event_pk, waba_id, attempts + 1, ?, ?, ? FROM webhooks_delivery WHERE event_pk = ?""",
                settled, settled.size(), (ps, s) -> {
                    setStatus(ps, 1, s.httpStatus());
                    ps.setString(2, truncate(s.error()));
                    ps.setObject(3, SqlTime.utc(at));
                    ps.setLong(4, s.id());
                });
        markDelivered(settled);
    }

    List<DeadLetter> deadLetters(String wabaId, int limit) {
        return jdbc.sql("""
                SELECT e.event_id, e.field, d.attempts, d.last_status, d.last_error, e.created_at, e.body
                FROM webhooks_dead_letter d JOIN webhooks_event e ON e.id = d.event_pk
                WHERE d.waba_id = :waba ORDER BY d.event_pk LIMIT :limit""")
                .param("waba", wabaId).param("limit", limit)
                .query(EventRows::deadLetter).list();
    }

    /** Puts every dead letter of a WABA back in the queue with a fresh retry period; runs in the caller's transaction. */
    int replayDead(String wabaId, Instant now, Instant expiresAt) {
        var ids = jdbc.sql("SELECT event_pk FROM webhooks_dead_letter WHERE waba_id = :waba FOR UPDATE")
                .param("waba", wabaId).query(Long.class).list();
        return requeue(ids, now, expiresAt);
    }

    /** Queues one event again, dead or already delivered; 0 when it is still queued. Runs in the caller's transaction. */
    int replay(String wabaId, String eventId, Instant now, Instant expiresAt) {
        var ids = jdbc.sql("""
                SELECT e.id FROM webhooks_event e WHERE e.waba_id = :waba AND e.event_id = :event
                    AND NOT EXISTS (SELECT 1 FROM webhooks_delivery d WHERE d.event_pk = e.id)""")
                .param("waba", wabaId).param("event", eventId).query(Long.class).list();
        return requeue(ids, now, expiresAt);
    }

    private int requeue(List<Long> ids, Instant now, Instant expiresAt) {
        if (ids.isEmpty()) {
            return 0;
        }
        jdbc.sql("DELETE FROM webhooks_dead_letter WHERE event_pk IN (:ids)").param("ids", ids).update();
        return jdbc.sql("""
                INSERT INTO webhooks_delivery (event_pk, waba_id, next_attempt_at, expires_at)
                SELECT id, waba_id, :now, :expires FROM webhooks_event WHERE id IN (:ids)
                ON CONFLICT DO NOTHING""")
                .param("now", SqlTime.utc(now)).param("expires", SqlTime.utc(expiresAt)).param("ids", ids).update();
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
