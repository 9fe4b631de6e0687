package io.openwaba.messaging;

import io.openwaba.shared.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A business number's chat with one customer as a person reads it: every message in both
 * directions with its status, paged backwards, and how long the customer service window stays
 * open. The chat center reads chats through this; it never changes one.
 */
@Service
public class CustomerChats {

    private final JdbcClient jdbc;
    private final WindowRows windows;
    private final Duration window;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    CustomerChats(JdbcClient jdbc, WindowRows windows, MessagingSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.windows = windows;
        this.window = settings.customerServiceWindow();
        this.clock = clock;
    }

    /**
     * One message: {@code content} is the object under its type's key, as the Cloud API writes
     * it; {@code status} is {@code received} for the customer's messages, else the latest of
     * {@code accepted}, {@code sent}, {@code delivered}, {@code read}, {@code failed}.
     */
    public record ChatMessage(long id, String wamid, boolean fromCustomer, String type, JsonNode content,
                              String replyTo, String status, Integer errorCode, Instant at) {
    }

    /** The latest {@code limit} messages before the message {@code beforeId} (or the latest of all), oldest first. */
    public List<ChatMessage> before(String phoneNumberId, String waId, Long beforeId, int limit) {
        var sql = beforeId == null
                ? """
                  SELECT * FROM messaging_message WHERE phone_number_id = :number AND wa_id = :waId
                  ORDER BY created_at DESC, id DESC LIMIT :limit"""
                : """
                  SELECT m.* FROM messaging_message m, messaging_message b
                  WHERE b.id = :before AND b.phone_number_id = :number AND b.wa_id = :waId
                    AND m.phone_number_id = :number AND m.wa_id = :waId
                    AND (m.created_at < b.created_at OR (m.created_at = b.created_at AND m.id < b.id))
                  ORDER BY m.created_at DESC, m.id DESC LIMIT :limit""";
        var spec = jdbc.sql(sql).param("number", phoneNumberId).param("waId", waId).param("limit", limit);
        if (beforeId != null) {
            spec = spec.param("before", beforeId);
        }
        var page = new ArrayList<>(spec.query((rs, row) -> message(rs)).list());
        Collections.reverse(page);
        return page;
    }

    /** Every message from the message {@code fromId} on, that one included, oldest first. */
    public List<ChatMessage> from(String phoneNumberId, String waId, long fromId, int limit) {
        return jdbc.sql("""
                SELECT m.* FROM messaging_message m, messaging_message f
                WHERE f.id = :from AND f.phone_number_id = :number AND f.wa_id = :waId
                  AND m.phone_number_id = :number AND m.wa_id = :waId
                  AND (m.created_at > f.created_at OR (m.created_at = f.created_at AND m.id >= f.id))
                ORDER BY m.created_at, m.id LIMIT :limit""")
                .param("number", phoneNumberId).param("waId", waId).param("from", fromId).param("limit", limit)
                .query((rs, row) -> message(rs)).list();
    }

    /** When the customer service window closes; empty when the customer never wrote or it has closed. */
    public Optional<Instant> windowClosesAt(String phoneNumberId, String waId) {
        var now = clock.instant();
        return windows.find(phoneNumberId, waId).map(w -> w.lastInboundAt().plus(window)).filter(now::isBefore);
    }

    private ChatMessage message(ResultSet rs) throws SQLException {
        boolean fromCustomer = "IN".equals(rs.getString("direction"));
        var type = rs.getString("type");
        var payload = json.readTree(rs.getString("payload"));
        // Inbound rows keep the object under the type's key, outbound rows the whole message.
        var content = fromCustomer ? payload : payload.path(type);
        var replyTo = fromCustomer ? null : payload.path("context").path("message_id").asString(null);
        int code = rs.getInt("error_code");
        Integer errorCode = rs.wasNull() ? null : code;
        return new ChatMessage(rs.getLong("id"), rs.getString("wamid"), fromCustomer, type, content, replyTo,
                rs.getString("status"), errorCode, SqlTime.instant(rs, "created_at"));
    }
}
