package io.openwaba.numbers;

import io.openwaba.shared.RandomIds;
import io.openwaba.shared.SqlTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** A number's history: every change of status, quality rating or tier, and warnings, with the figures behind them. */
@Repository
class NumberHistory {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    NumberHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One entry. {@code kind}: STATUS, QUALITY, TIER, THROUGHPUT, WARNING, OFFICIAL, MIGRATED, REGISTRATION. */
    record Entry(Instant at, String kind, String from, String to, String reason, Map<String, Object> figures) {
    }

    void add(String phoneNumberId, Entry entry) {
        jdbc.sql("""
                INSERT INTO numbers_history (id, phone_number_id, at, kind, from_value, to_value, reason, figures)
                VALUES (:id, :number, :at, :kind, :from, :to, :reason, :figures)""")
                .param("id", RandomIds.timeOrdered("h", 31)).param("number", phoneNumberId)
                .param("at", SqlTime.utc(entry.at())).param("kind", entry.kind()).param("from", entry.from())
                .param("to", entry.to()).param("reason", cut(entry.reason(), 1000))
                .param("figures", cut(JSON.writeValueAsString(entry.figures()), 4000)).update();
    }

    /** Newest first. */
    List<Entry> of(String phoneNumberId, int limit) {
        return jdbc.sql("""
                SELECT at, kind, from_value, to_value, reason, figures FROM numbers_history
                WHERE phone_number_id = :number ORDER BY at DESC, id DESC LIMIT :limit""")
                .param("number", phoneNumberId).param("limit", limit)
                .query((rs, row) -> new Entry(SqlTime.instant(rs, "at"), rs.getString("kind"),
                        rs.getString("from_value"), rs.getString("to_value"), rs.getString("reason"),
                        readFigures(rs.getString("figures"))))
                .list();
    }

    void deleteOf(String phoneNumberId) {
        jdbc.sql("DELETE FROM numbers_history WHERE phone_number_id = :number").param("number", phoneNumberId).update();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> readFigures(String json) {
        return JSON.readValue(json, Map.class);
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
