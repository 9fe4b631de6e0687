package io.openwaba.numbers;

import io.openwaba.shared.SqlTime;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Customers who blocked a number or reported it as spam. */
@Repository
class FeedbackRows {

    private final JdbcClient jdbc;

    FeedbackRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void add(String phoneNumberId, String waId, String kind, Instant at) {
        jdbc.sql("INSERT INTO numbers_feedback (phone_number_id, wa_id, kind, at) VALUES (:number, :waId, :kind, :at)")
                .param("number", phoneNumberId).param("waId", waId).param("kind", kind).param("at", SqlTime.utc(at))
                .update();
    }

    /** Distinct customers who did {@code kind} since {@code since}. */
    int customers(String phoneNumberId, String kind, Instant since) {
        return jdbc.sql("""
                SELECT COUNT(DISTINCT wa_id) FROM numbers_feedback
                WHERE phone_number_id = :number AND kind = :kind AND at > :since""")
                .param("number", phoneNumberId).param("kind", kind).param("since", SqlTime.utc(since))
                .query(Integer.class).single();
    }

    void deleteOf(String phoneNumberId) {
        jdbc.sql("DELETE FROM numbers_feedback WHERE phone_number_id = :number").param("number", phoneNumberId).update();
    }
}
