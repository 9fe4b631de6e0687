package io.openwaba.shared;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A table used as a work queue. A claim locks up to a batch of due rows with
 * {@code SELECT … FOR UPDATE SKIP LOCKED}, so nodes sharing the database never take the same row,
 * and either holds them until the caller's transaction ends or, on a {@link #leased} queue,
 * stamps a {@link Lease} in the same transaction (one more statement) that keeps other nodes off
 * the rows after it commits, until the lease expires. Claims must run inside a transaction.
 * There is no {@code ORDER BY}: with {@code FOR UPDATE}, H2 would lock and sort every due row first.
 *
 * @param <T> what a claimed row is read as
 */
public final class WorkQueue<T> {

    /** A claim that outlives its transaction: {@code claimed_by} and {@code lease_until}, on wall-clock time. */
    public record Lease(Instant now, Instant until, String node) {
    }

    private final JdbcClient jdbc;
    private final String table;
    private final String columns;
    private final String due;
    private final RowMapper<T> rows;
    private final Function<T, ?> keyOf;
    private final String select;
    private final String stamp;

    private WorkQueue(JdbcClient jdbc, String table, String columns, String due, RowMapper<T> rows, String key,
                      Function<T, ?> keyOf) {
        this.jdbc = jdbc;
        this.table = table;
        this.columns = columns;
        this.due = due;
        this.rows = rows;
        this.keyOf = keyOf;
        var unleased = key == null ? "" : " AND (lease_until IS NULL OR lease_until < :leaseNow)";
        this.select = "SELECT " + columns + " FROM " + table + " WHERE (" + due + ")" + unleased
                + " LIMIT :batch FOR UPDATE SKIP LOCKED";
        this.stamp = key == null ? null
                : "UPDATE " + table + " SET lease_until = :leaseUntil, claimed_by = :leaseNode WHERE " + key + " IN (:keys)";
    }

    /**
     * The rows of {@code table} that meet {@code due} (an SQL condition with named parameters),
     * read as {@code columns}; {@code :batch} is reserved.
     */
    public static <T> WorkQueue<T> of(JdbcClient jdbc, String table, String columns, String due, RowMapper<T> rows) {
        return new WorkQueue<>(jdbc, table, columns, due, rows, null, null);
    }

    /**
     * The same queue claimed under leases: only rows whose {@code lease_until} is empty or
     * before the lease's {@code now}; {@code key} names the column {@code keyOf} reads from a row.
     * {@code :leaseNow}, {@code :leaseUntil}, {@code :leaseNode} and {@code :keys} are reserved.
     */
    public WorkQueue<T> leased(String key, Function<T, ?> keyOf) {
        return new WorkQueue<>(jdbc, table, columns, due, rows, key, keyOf);
    }

    /** Locks up to {@code batch} due rows until the caller's transaction ends. */
    public List<T> claim(int batch, Map<String, ?> params) {
        if (stamp != null) {
            throw new IllegalStateException("a leased queue is claimed with a lease");
        }
        return select(batch, params);
    }

    /** Locks up to {@code batch} due rows that no live lease holds and stamps {@code lease} on them. */
    public List<T> claim(int batch, Map<String, ?> params, Lease lease) {
        if (stamp == null) {
            throw new IllegalStateException("this queue holds its rows by locks only, not by leases");
        }
        var withLease = new HashMap<String, Object>(params);
        withLease.put("leaseNow", SqlTime.utc(lease.now()));
        var claimed = select(batch, withLease);
        if (!claimed.isEmpty()) {
            jdbc.sql(stamp).param("leaseUntil", SqlTime.utc(lease.until())).param("leaseNode", lease.node())
                    .param("keys", claimed.stream().map(keyOf).toList()).update();
        }
        return claimed;
    }

    private List<T> select(int batch, Map<String, ?> params) {
        // Outside a transaction each statement commits on its own: the locks would be gone before the work starts.
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("work queue claims must run inside a transaction");
        }
        return jdbc.sql(select).params(params).param("batch", batch).query(rows).list();
    }
}
