package io.openwaba.inbox;

import io.openwaba.shared.NodeIds;
import io.openwaba.shared.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ConversationRows {

    private final JdbcClient jdbc;

    ConversationRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The conversation after a customer's message, and what its responder does. */
    record Wrote(String id, InboundRule.Outcome outcome) {
    }

    /**
     * The customer wrote: the conversation (created when there is none) moves on as
     * {@code rule} decides from its state before (null when new), which is read locked so two
     * messages of one customer are decided one after the other; its last message and unread
     * count move on too. Two first messages racing both land (the loser of the insert updates).
     */
    Wrote customerWrote(String businessId, String phoneNumberId, String waId, String name, String text, Instant at,
                        java.util.function.Function<Conversation, InboundRule.Outcome> rule) {
        var before = lockedByChat(phoneNumberId, waId);
        if (before.isEmpty()) {
            var outcome = rule.apply(null);
            var id = NodeIds.next();
            int inserted = jdbc.sql("""
                    INSERT INTO inbox_conversation (id, business_id, phone_number_id, wa_id, customer_name, status,
                        owner_kind, last_message_at, last_message_text, unread, created_at)
                    VALUES (:id, :business, :number, :waId, :name, :status, :owner, :at, :text, 1, :at)
                    ON CONFLICT DO NOTHING""")
                    .param("id", id).param("business", businessId).param("number", phoneNumberId)
                    .param("waId", waId).param("name", name).param("status", outcome.status().name())
                    .param("owner", outcome.owner().name()).param("at", SqlTime.utc(at)).param("text", text).update();
            if (inserted == 1) {
                return new Wrote(id, outcome);
            }
            before = lockedByChat(phoneNumberId, waId);
        }
        var conversation = before.orElseThrow();
        // A number moved to another business: its conversations start afresh there, no longer
        // owned by the old business's operators.
        var outcome = rule.apply(conversation.businessId().equals(businessId) ? conversation : null);
        jdbc.sql("""
                UPDATE inbox_conversation SET unread = unread + 1, business_id = :business,
                    customer_name = COALESCE(:name, customer_name), status = :status, owner_kind = :owner,
                    snoozed_until = CASE WHEN :status = 'SNOOZED' THEN snoozed_until ELSE NULL END,
                    owner_id = CASE WHEN :owner = 'OPERATOR' THEN owner_id ELSE NULL END,
                    last_message_text = CASE WHEN last_message_at <= :at THEN :text ELSE last_message_text END,
                    last_message_at = CASE WHEN last_message_at <= :at THEN :at ELSE last_message_at END
                WHERE id = :id""")
                .param("business", businessId).param("name", name).param("at", SqlTime.utc(at)).param("text", text)
                .param("status", outcome.status().name()).param("owner", outcome.owner().name())
                .param("id", conversation.id()).update();
        return new Wrote(conversation.id(), outcome);
    }

    private Optional<Conversation> lockedByChat(String phoneNumberId, String waId) {
        return jdbc.sql("SELECT * FROM inbox_conversation WHERE phone_number_id = :number AND wa_id = :waId FOR UPDATE")
                .param("number", phoneNumberId).param("waId", waId).query((rs, row) -> conversation(rs)).optional();
    }

    /**
     * Notes that the conversation gets an away message now, unless it got one since
     * {@code quietSince}: one statement, so of two messages at once only one sends it.
     */
    boolean markAwaySent(String id, Instant now, Instant quietSince) {
        return jdbc.sql("""
                UPDATE inbox_conversation SET away_sent_at = :now
                WHERE id = :id AND (away_sent_at IS NULL OR away_sent_at < :since)""")
                .param("id", id).param("now", SqlTime.utc(now)).param("since", SqlTime.utc(quietSince)).update() == 1;
    }

    /** Whether an operator owns the chat's conversation now. */
    boolean operatorOwns(String phoneNumberId, String waId) {
        return jdbc.sql("""
                SELECT COUNT(*) FROM inbox_conversation
                WHERE phone_number_id = :number AND wa_id = :waId AND owner_kind = 'OPERATOR'""")
                .param("number", phoneNumberId).param("waId", waId).query(Integer.class).single() > 0;
    }

    /** A page of the business's conversations as the filter says, the latest message first. */
    List<Conversation> list(String businessId, String userId, ConversationFilter filter, int limit) {
        var sql = new StringBuilder("SELECT * FROM inbox_conversation WHERE business_id = :business");
        var params = new java.util.HashMap<String, Object>();
        params.put("business", businessId);
        params.put("limit", limit);
        switch (filter.view()) {
            case ALL -> sql.append(" AND status IN ('OPEN', 'PENDING')");
            case MINE -> {
                sql.append(" AND owner_kind = 'OPERATOR' AND owner_id = :user AND status IN ('OPEN', 'PENDING')");
                params.put("user", userId);
            }
            case QUEUE -> sql.append(" AND owner_kind = 'QUEUE' AND status IN ('OPEN', 'PENDING')");
            case BOT -> sql.append(" AND owner_kind = 'BOT' AND status IN ('OPEN', 'PENDING')");
            case SNOOZED -> sql.append(" AND status = 'SNOOZED'");
            case RESOLVED -> sql.append(" AND status = 'RESOLVED'");
        }
        if (filter.team() != null) {
            sql.append(" AND team_id = :team");
            params.put("team", filter.team());
        }
        if (filter.label() != null) {
            sql.append(" AND id IN (SELECT conversation_id FROM inbox_label WHERE business_id = :business"
                    + " AND label = :label)");
            params.put("label", filter.label());
        }
        var like = filter.likePattern();
        if (like != null) {
            sql.append(" AND (LOWER(customer_name) LIKE :like ESCAPE '\\' OR wa_id LIKE :like ESCAPE '\\'"
                    + " OR LOWER(last_message_text) LIKE :like ESCAPE '\\')");
            params.put("like", like);
        }
        if (filter.afterAt() != null) {
            sql.append(" AND (last_message_at < :afterAt OR (last_message_at = :afterAt AND id > :afterId))");
            params.put("afterAt", SqlTime.utc(filter.afterAt()));
            params.put("afterId", filter.afterId());
        }
        sql.append(" ORDER BY last_message_at DESC, id LIMIT :limit");
        return jdbc.sql(sql.toString()).params(params).query((rs, row) -> conversation(rs)).list();
    }

    /** The customer's other conversations with the business's numbers, the latest first. */
    List<Conversation> othersOfCustomer(String businessId, String waId, String exceptId) {
        return jdbc.sql("""
                SELECT * FROM inbox_conversation WHERE business_id = :business AND wa_id = :waId AND id <> :id
                ORDER BY last_message_at DESC LIMIT 20""")
                .param("business", businessId).param("waId", waId).param("id", exceptId)
                .query((rs, row) -> conversation(rs)).list();
    }

    /** The conversation, if it belongs to that business: any other business's looks like none. */
    Optional<Conversation> find(String businessId, String id) {
        return jdbc.sql("SELECT * FROM inbox_conversation WHERE id = :id AND business_id = :business")
                .param("id", id).param("business", businessId).query((rs, row) -> conversation(rs)).optional();
    }

    Optional<Conversation> findByChat(String phoneNumberId, String waId) {
        return jdbc.sql("SELECT * FROM inbox_conversation WHERE phone_number_id = :number AND wa_id = :waId")
                .param("number", phoneNumberId).param("waId", waId).query((rs, row) -> conversation(rs)).optional();
    }

    /** The operator takes it unless another operator has: one statement, so of two at once one wins. */
    boolean take(String id, String userId) {
        return jdbc.sql("""
                UPDATE inbox_conversation SET owner_kind = 'OPERATOR', owner_id = :user,
                    status = CASE WHEN status = 'PENDING' THEN 'OPEN' ELSE status END
                WHERE id = :id AND owner_kind <> 'OPERATOR'""")
                .param("id", id).param("user", userId).update() == 1;
    }

    /**
     * To that operator, unless another operator than {@code callerId} owns it and {@code override}
     * is false: one statement, so it cannot slip from under a colleague who just took it.
     */
    boolean assignToOperator(String id, String userId, String callerId, boolean override) {
        return jdbc.sql("""
                UPDATE inbox_conversation SET owner_kind = 'OPERATOR', owner_id = :user,
                    status = CASE WHEN status = 'PENDING' THEN 'OPEN' ELSE status END
                WHERE id = :id AND (owner_kind <> 'OPERATOR' OR owner_id = :caller OR :override = TRUE)""")
                .param("id", id).param("user", userId).param("caller", callerId).param("override", override)
                .update() == 1;
    }

    /** Into that team's queue, on the same terms as {@link #assignToOperator}. */
    boolean assignToTeam(String id, String teamId, String callerId, boolean override) {
        return jdbc.sql("""
                UPDATE inbox_conversation SET owner_kind = 'QUEUE', owner_id = NULL, team_id = :team,
                    status = CASE WHEN status = 'OPEN' THEN 'PENDING' ELSE status END
                WHERE id = :id AND (owner_kind <> 'OPERATOR' OR owner_id = :caller OR :override = TRUE)""")
                .param("id", id).param("team", teamId).param("caller", callerId).param("override", override)
                .update() == 1;
    }

    /** Back to the queue, if that operator still owns it. */
    boolean handBack(String id, String userId) {
        return jdbc.sql("""
                UPDATE inbox_conversation SET owner_kind = 'QUEUE', owner_id = NULL,
                    status = CASE WHEN status = 'OPEN' THEN 'PENDING' ELSE status END
                WHERE id = :id AND owner_kind = 'OPERATOR' AND owner_id = :user""")
                .param("id", id).param("user", userId).update() == 1;
    }

    boolean resolve(String id) {
        return jdbc.sql("UPDATE inbox_conversation SET status = 'RESOLVED', unread = 0 WHERE id = :id AND status <> 'RESOLVED'")
                .param("id", id).update() == 1;
    }

    boolean reopen(String id) {
        return jdbc.sql("""
                UPDATE inbox_conversation SET status = CASE WHEN owner_kind = 'OPERATOR' THEN 'OPEN' ELSE 'PENDING' END
                WHERE id = :id AND status = 'RESOLVED'""")
                .param("id", id).update() == 1;
    }

    /** Snoozed until then ({@code null}: the customer's next message), unless it is resolved. */
    boolean snooze(String id, Instant until) {
        return jdbc.sql("""
                UPDATE inbox_conversation SET status = 'SNOOZED', snoozed_until = :until
                WHERE id = :id AND status <> 'RESOLVED'""")
                .param("id", id).param("until", until == null ? null : SqlTime.utc(until)).update() == 1;
    }

    /** Snoozed conversations whose time has come. */
    List<Conversation> dueToWake(Instant now, int limit) {
        return jdbc.sql("""
                SELECT * FROM inbox_conversation WHERE status = 'SNOOZED' AND snoozed_until <= :now
                ORDER BY snoozed_until LIMIT :limit""")
                .param("now", SqlTime.utc(now)).param("limit", limit).query((rs, row) -> conversation(rs)).list();
    }

    /** Wakes the conversation if it is still snoozed until no later than {@code now}; of two nodes one does. */
    boolean wake(String id, Instant now) {
        return jdbc.sql("""
                UPDATE inbox_conversation SET snoozed_until = NULL,
                    status = CASE WHEN owner_kind = 'OPERATOR' THEN 'OPEN' ELSE 'PENDING' END
                WHERE id = :id AND status = 'SNOOZED' AND snoozed_until <= :now""")
                .param("id", id).param("now", SqlTime.utc(now)).update() == 1;
    }

    void markRead(String id) {
        jdbc.sql("UPDATE inbox_conversation SET unread = 0 WHERE id = :id AND unread > 0").param("id", id).update();
    }

    void addTimeline(String conversationId, ConversationChanged.What what, String actorId, String actorName,
                     String detail, Instant at) {
        jdbc.sql("""
                INSERT INTO inbox_timeline (conversation_id, kind, actor_id, actor_name, detail, at)
                VALUES (:conversation, :kind, :actor, :name, :detail, :at)""")
                .param("conversation", conversationId).param("kind", what.name()).param("actor", actorId)
                .param("name", actorName).param("detail", detail).param("at", SqlTime.utc(at)).update();
    }

    /** The timeline entries from {@code since} (from the first when null) to {@code to} (the last when null), oldest first. */
    List<TimelineEntry> timeline(String conversationId, Instant since, Instant to) {
        return jdbc.sql("""
                SELECT * FROM inbox_timeline WHERE conversation_id = :conversation AND at >= :since AND at <= :to
                ORDER BY at, id""")
                .param("conversation", conversationId).param("since", SqlTime.utc(since == null ? Instant.EPOCH : since))
                .param("to", SqlTime.utc(to == null ? Instant.parse("9999-12-31T23:59:59Z") : to))
                .query((rs, row) -> new TimelineEntry(rs.getLong("id"), ConversationChanged.What.valueOf(rs.getString("kind")),
                        rs.getString("actor_name"), rs.getString("detail"), SqlTime.instant(rs, "at")))
                .list();
    }

    private static Conversation conversation(ResultSet rs) throws SQLException {
        return new Conversation(rs.getString("id"), rs.getString("business_id"), rs.getString("phone_number_id"),
                rs.getString("wa_id"), rs.getString("customer_name"), ConversationStatus.valueOf(rs.getString("status")),
                OwnerKind.valueOf(rs.getString("owner_kind")), rs.getString("owner_id"),
                SqlTime.instant(rs, "last_message_at"), rs.getString("last_message_text"), rs.getInt("unread"),
                SqlTime.instant(rs, "snoozed_until"), rs.getString("team_id"));
    }
}
