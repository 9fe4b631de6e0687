package io.openwaba.numbers;

import io.openwaba.shared.SqlTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The messaging-limit count per holder, exact across nodes: a holder's row is locked for the rest
 * of the transaction, so every node's sends for that holder are counted one batch at a time.
 * {@code used} is kept incrementally: reaches that left the window since {@code swept_until} are
 * subtracted before each decision, so no decision counts the whole window.
 */
@Repository
class LimitLedger {

    /** Customers per statement when many are asked about at once (a check before a broadcast). */
    private static final int CHUNK = 5_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    LimitLedger(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    /** A holder's limit as the lock found it, with {@code used} brought up to date for {@code now}. */
    record Holder(String id, int tier, int used, Instant sweptUntil, Instant upgradeCheckedAt) {
        Holder withUsed(int newUsed) {
            return new Holder(id, tier, newUsed, sweptUntil, upgradeCheckedAt);
        }
    }

    /** Creates the holder's row at {@code tier} unless it exists. */
    void create(String holderId, int tier, Instant now) {
        jdbc.sql("""
                INSERT INTO numbers_limit (holder_id, tier, used, swept_until, upgrade_checked_at)
                VALUES (:id, :tier, 0, :now, :now) ON CONFLICT DO NOTHING""")
                .param("id", holderId).param("tier", tier).param("now", SqlTime.utc(now)).update();
    }

    /** Locks the holder's row and subtracts the customers whose reach left the window. */
    Optional<Holder> lock(String holderId, Duration window, Instant now) {
        var found = jdbc.sql("""
                SELECT tier, used, swept_until, upgrade_checked_at FROM numbers_limit WHERE holder_id = :id FOR UPDATE""")
                .param("id", holderId)
                .query((rs, row) -> new Holder(holderId, rs.getInt("tier"), rs.getInt("used"),
                        SqlTime.instant(rs, "swept_until"), SqlTime.instant(rs, "upgrade_checked_at")))
                .optional();
        if (found.isEmpty()) {
            return found;
        }
        var holder = found.get();
        var cutoff = now.minus(window);
        if (!cutoff.isAfter(holder.sweptUntil())) {
            return found;
        }
        int expired = jdbc.sql("""
                SELECT COUNT(*) FROM numbers_reach
                WHERE holder_id = :id AND reached_at > :from AND reached_at <= :to""")
                .param("id", holderId).param("from", SqlTime.utc(holder.sweptUntil())).param("to", SqlTime.utc(cutoff))
                .query(Integer.class).single();
        return Optional.of(new Holder(holderId, holder.tier(), Math.max(0, holder.used() - expired), cutoff,
                holder.upgradeCheckedAt()));
    }

    /** The holder's limit with {@code used} as of {@code now}, read without locking or writing. */
    Optional<Holder> read(String holderId, Duration window, Instant now) {
        var cutoff = SqlTime.utc(now.minus(window));
        return jdbc.sql("""
                SELECT l.tier, l.used - (SELECT COUNT(*) FROM numbers_reach r WHERE r.holder_id = l.holder_id
                        AND r.reached_at > l.swept_until AND r.reached_at <= :cutoff) AS used,
                    l.swept_until, l.upgrade_checked_at
                FROM numbers_limit l WHERE l.holder_id = :id""")
                .param("id", holderId).param("cutoff", cutoff)
                .query((rs, row) -> new Holder(holderId, rs.getInt("tier"), Math.max(0, rs.getInt("used")),
                        SqlTime.instant(rs, "swept_until"), SqlTime.instant(rs, "upgrade_checked_at")))
                .optional();
    }

    void save(Holder holder) {
        jdbc.sql("""
                UPDATE numbers_limit SET tier = :tier, used = :used, swept_until = :swept, upgrade_checked_at = :checked
                WHERE holder_id = :id""")
                .param("tier", holder.tier()).param("used", holder.used())
                .param("swept", SqlTime.utc(holder.sweptUntil())).param("checked", SqlTime.utc(holder.upgradeCheckedAt()))
                .param("id", holder.id()).update();
    }

    /** When each of these customers was last reached by the holder (those never reached are absent). */
    Map<String, Instant> lastReached(String holderId, Collection<String> waIds) {
        var found = new HashMap<String, Instant>();
        var all = List.copyOf(waIds);
        for (int from = 0; from < all.size(); from += CHUNK) {
            // Row values, not "holder_id = ? AND wa_id IN (...)": H2 then seeks each key instead of scanning the holder.
            jdbc.sql("SELECT wa_id, reached_at FROM numbers_reach WHERE (holder_id, wa_id) IN (:keys)")
                    .param("keys", keys(holderId, all.subList(from, Math.min(all.size(), from + CHUNK))))
                    .query((rs, row) -> found.put(rs.getString("wa_id"), SqlTime.instant(rs, "reached_at"))).list();
        }
        return found;
    }

    /** Records the reaches: {@code known} customers had a row, the others get one. */
    void reached(String holderId, Collection<String> known, Collection<String> fresh, Instant at) {
        if (!known.isEmpty()) {
            jdbc.sql("UPDATE numbers_reach SET reached_at = :at WHERE (holder_id, wa_id) IN (:keys)")
                    .param("at", SqlTime.utc(at)).param("keys", keys(holderId, known)).update();
        }
        if (!fresh.isEmpty()) {
            template.batchUpdate("INSERT INTO numbers_reach (holder_id, wa_id, reached_at) VALUES (?, ?, ?)",
                    List.copyOf(fresh), fresh.size(), (ps, waId) -> {
                        ps.setString(1, holderId);
                        ps.setString(2, waId);
                        ps.setObject(3, SqlTime.utc(at));
                    });
        }
    }

    private static List<Object[]> keys(String holderId, Collection<String> waIds) {
        return waIds.stream().map(waId -> new Object[] {holderId, waId}).toList();
    }

    /** Unique customers reached since {@code since}. */
    int reachedSince(String holderId, Instant since) {
        return jdbc.sql("SELECT COUNT(*) FROM numbers_reach WHERE holder_id = :id AND reached_at > :since")
                .param("id", holderId).param("since", SqlTime.utc(since)).query(Integer.class).single();
    }

    /** When the oldest reach still in the window leaves it: capacity frees then. */
    Optional<Instant> oldestReachSince(String holderId, Instant cutoff) {
        return jdbc.sql("""
                SELECT MIN(reached_at) AS oldest FROM numbers_reach WHERE holder_id = :id AND reached_at > :cutoff""")
                .param("id", holderId).param("cutoff", SqlTime.utc(cutoff))
                .query((rs, row) -> Optional.ofNullable(SqlTime.instant(rs, "oldest"))).single();
    }

    /** Forgets reaches older than the look-back: nothing reads them any more. */
    int purgeBefore(Instant before) {
        return jdbc.sql("DELETE FROM numbers_reach WHERE reached_at <= :before")
                .param("before", SqlTime.utc(before)).update();
    }

    void deleteHolder(String holderId) {
        jdbc.sql("DELETE FROM numbers_reach WHERE holder_id = :id").param("id", holderId).update();
        jdbc.sql("DELETE FROM numbers_limit WHERE holder_id = :id").param("id", holderId).update();
    }

    /**
     * Takes {@code wanted} sends of this second from the number's throughput; returns how many it may
     * send ({@link NumberSendRules#throughputGrant}). The usual case, all of them fit, is one
     * conditional update: its condition is the rule's "everything fits", kept in SQL to save the
     * locking read on every batch.
     */
    int takeThroughput(String phoneNumberId, long second, int wanted, int perSecond) {
        int fits = jdbc.sql("""
                UPDATE numbers_send_rate
                SET sent = CASE WHEN current_second = :second THEN sent + :wanted ELSE :wanted END, current_second = :second
                WHERE phone_number_id = :id AND (current_second <> :second OR sent + :wanted <= :max) AND :wanted <= :max""")
                .param("second", second).param("wanted", wanted).param("max", perSecond).param("id", phoneNumberId)
                .update();
        if (fits == 1) {
            return wanted;
        }
        jdbc.sql("INSERT INTO numbers_send_rate (phone_number_id, current_second, sent) VALUES (:id, 0, 0) ON CONFLICT DO NOTHING")
                .param("id", phoneNumberId).update();
        var current = jdbc.sql("SELECT current_second, sent FROM numbers_send_rate WHERE phone_number_id = :id FOR UPDATE")
                .param("id", phoneNumberId)
                .query((rs, row) -> new long[] {rs.getLong("current_second"), rs.getInt("sent")}).single();
        int sentThisSecond = current[0] == second ? (int) current[1] : 0;
        int granted = NumberSendRules.throughputGrant(sentThisSecond, wanted, perSecond);
        jdbc.sql("UPDATE numbers_send_rate SET current_second = :second, sent = :sent WHERE phone_number_id = :id")
                .param("second", second).param("sent", sentThisSecond + granted).param("id", phoneNumberId).update();
        return granted;
    }
}
