package io.openwaba.inbox;

import io.openwaba.shared.SqlTime;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AssignmentRows {

    private final JdbcClient jdbc;

    AssignmentRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A business's assignment settings; none stored means manual. */
    record Settings(boolean automatic, int maxOpen) {
    }

    /** An online operator, and when they last got a conversation automatically (null: never). */
    record Online(String userId, Instant lastAssignedAt) {
    }

    Optional<Settings> settings(String businessId) {
        return jdbc.sql("SELECT automatic, max_open FROM inbox_assignment WHERE business_id = :business")
                .param("business", businessId)
                .query((rs, row) -> new Settings(rs.getBoolean("automatic"), rs.getInt("max_open"))).optional();
    }

    void saveSettings(String businessId, Settings settings, Instant at) {
        var params = Map.<String, Object>of("business", businessId, "automatic", settings.automatic(),
                "max", settings.maxOpen(), "at", SqlTime.utc(at));
        upsert("UPDATE inbox_assignment SET automatic = :automatic, max_open = :max, updated_at = :at "
                + "WHERE business_id = :business", "INSERT INTO inbox_assignment (business_id, automatic, max_open, "
                + "updated_at) VALUES (:business, :automatic, :max, :at) ON CONFLICT DO NOTHING", params);
    }

    boolean available(String userId) {
        return jdbc.sql("SELECT available FROM inbox_operator WHERE user_id = :user").param("user", userId)
                .query(Boolean.class).optional().orElse(false);
    }

    void setAvailable(String userId, String businessId, boolean available, Instant at) {
        var params = Map.<String, Object>of("user", userId, "business", businessId, "available", available,
                "at", SqlTime.utc(at));
        upsert("UPDATE inbox_operator SET business_id = :business, available = :available, changed_at = :at "
                + "WHERE user_id = :user", "INSERT INTO inbox_operator (user_id, business_id, available, changed_at) "
                + "VALUES (:user, :business, :available, :at) ON CONFLICT DO NOTHING", params);
    }

    /** Update, else insert; the loser of two first inserts at once updates after all. */
    private void upsert(String update, String insert, Map<String, Object> params) {
        if (jdbc.sql(update).params(params).update() == 0 && jdbc.sql(insert).params(params).update() == 0) {
            jdbc.sql(update).params(params).update();
        }
    }

    boolean anyoneOnline(String businessId) {
        return jdbc.sql("SELECT COUNT(*) FROM inbox_operator WHERE business_id = :business AND available = TRUE")
                .param("business", businessId).query(Integer.class).single() > 0;
    }

    /**
     * The business's online operators, locked until the transaction ends: assignments of one
     * business are made one after another, so no operator is given more than the cap.
     */
    List<Online> lockOnline(String businessId) {
        return jdbc.sql("""
                SELECT user_id, last_assigned_at FROM inbox_operator
                WHERE business_id = :business AND available = TRUE ORDER BY user_id FOR UPDATE""")
                .param("business", businessId)
                .query((rs, row) -> new Online(rs.getString("user_id"), SqlTime.instant(rs, "last_assigned_at"))).list();
    }

    /** How many open conversations each operator of the business holds. */
    Map<String, Integer> openCounts(String businessId) {
        var counts = new HashMap<String, Integer>();
        jdbc.sql("""
                SELECT owner_id, COUNT(*) AS open FROM inbox_conversation
                WHERE business_id = :business AND owner_kind = 'OPERATOR' AND status = 'OPEN' GROUP BY owner_id""")
                .param("business", businessId)
                .query((rs, row) -> counts.put(rs.getString("owner_id"), rs.getInt("open"))).list();
        return counts;
    }

    /** A conversation waiting in the queue, of a team's when {@code teamId} is set. */
    record Waiting(String id, String teamId) {
    }

    /**
     * The oldest conversations waiting in the business's queue or in the queue of one of those
     * teams (the others' have nobody to go to now).
     */
    List<Waiting> waiting(String businessId, java.util.Set<String> teams, int limit) {
        var sql = new StringBuilder("""
                SELECT id, team_id FROM inbox_conversation
                WHERE business_id = :business AND owner_kind = 'QUEUE' AND status = 'PENDING'
                AND (team_id IS NULL""");
        var params = new HashMap<String, Object>(Map.of("business", businessId, "limit", limit));
        if (!teams.isEmpty()) {
            sql.append(" OR team_id IN (:teams)");
            params.put("teams", teams);
        }
        sql.append(") ORDER BY last_message_at, id LIMIT :limit");
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, row) -> new Waiting(rs.getString("id"), rs.getString("team_id"))).list();
    }

    /** Gives a waiting conversation to the operator, if it is still waiting. */
    boolean assign(String conversationId, String userId, Instant at) {
        if (jdbc.sql("""
                UPDATE inbox_conversation SET owner_kind = 'OPERATOR', owner_id = :user, status = 'OPEN'
                WHERE id = :id AND owner_kind = 'QUEUE' AND status = 'PENDING'""")
                .param("id", conversationId).param("user", userId).update() == 0) {
            return false;
        }
        jdbc.sql("UPDATE inbox_operator SET last_assigned_at = :at WHERE user_id = :user")
                .param("at", SqlTime.utc(at)).param("user", userId).update();
        return true;
    }
}
