package io.openwaba.inbox;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Labels on conversations: at most {@link #MAX_PER_CONVERSATION}, each 1 to 40 letters, digits, spaces, - or _. */
@Repository
class Labels {

    static final int MAX_PER_CONVERSATION = 10;
    static final int MAX_LENGTH = 40;

    private final JdbcClient jdbc;

    Labels(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The label as stored (trimmed, inner spaces collapsed), or empty when it is not a label. */
    static Optional<String> normalized(String typed) {
        var label = typed == null ? "" : typed.strip().replaceAll("\\s+", " ");
        if (label.isEmpty() || label.length() > MAX_LENGTH || !label.matches("[\\p{L}\\p{N} _-]+")) {
            return Optional.empty();
        }
        return Optional.of(label);
    }

    /** Adds the label; false when the conversation already has the most it may. */
    boolean add(Conversation conversation, String label) {
        if (of(conversation.id()).contains(label)) {
            return true;
        }
        if (of(conversation.id()).size() >= MAX_PER_CONVERSATION) {
            return false;
        }
        jdbc.sql("""
                INSERT INTO inbox_label (conversation_id, business_id, label) VALUES (:conversation, :business, :label)
                ON CONFLICT DO NOTHING""")
                .param("conversation", conversation.id()).param("business", conversation.businessId())
                .param("label", label).update();
        return true;
    }

    void remove(Conversation conversation, String label) {
        jdbc.sql("DELETE FROM inbox_label WHERE conversation_id = :conversation AND label = :label")
                .param("conversation", conversation.id()).param("label", label).update();
    }

    List<String> of(String conversationId) {
        return jdbc.sql("SELECT label FROM inbox_label WHERE conversation_id = :conversation ORDER BY label")
                .param("conversation", conversationId).query(String.class).list();
    }

    /** The labels of each of these conversations, in one query. */
    Map<String, List<String>> of(Collection<String> conversationIds) {
        var labels = new HashMap<String, List<String>>();
        if (conversationIds.isEmpty()) {
            return labels;
        }
        jdbc.sql("SELECT conversation_id, label FROM inbox_label WHERE conversation_id IN (:ids) ORDER BY label")
                .param("ids", conversationIds)
                .query((rs, row) -> labels.computeIfAbsent(rs.getString("conversation_id"), id -> new ArrayList<>())
                        .add(rs.getString("label")))
                .list();
        return labels;
    }
}
