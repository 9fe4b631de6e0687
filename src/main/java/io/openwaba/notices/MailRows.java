package io.openwaba.notices;

import io.openwaba.shared.SqlTime;
import io.openwaba.shared.WorkQueue;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MailRows {

    private final JdbcClient jdbc;
    private final WorkQueue<Mail> outbox;

    MailRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.outbox = WorkQueue.of(jdbc, "notices_mail", "*", "state = 'PENDING'", MailRows::mail);
    }

    void insert(Mail mail) {
        jdbc.sql("""
                INSERT INTO notices_mail (id, business_id, to_address, subject, body, state, created_at)
                VALUES (:id, :business, :to, :subject, :body, :state, :at)""")
                .param("id", mail.id()).param("business", mail.businessId()).param("to", mail.to())
                .param("subject", mail.subject()).param("body", mail.body()).param("state", mail.state())
                .param("at", SqlTime.utc(mail.createdAt())).update();
    }

    /** PENDING mails, locked for the caller's transaction. */
    List<Mail> pending(int limit) {
        return outbox.claim(limit, Map.of());
    }

    void settle(String id, String state, int attempts, String error, Instant sentAt) {
        jdbc.sql("""
                UPDATE notices_mail SET state = :state, attempts = :attempts, last_error = :error, sent_at = :sent
                WHERE id = :id""")
                .param("state", state).param("attempts", attempts).param("error", error)
                .param("sent", SqlTime.utc(sentAt)).param("id", id).update();
    }

    List<Mail> ofBusiness(String businessId, int limit) {
        return jdbc.sql("SELECT * FROM notices_mail WHERE business_id = :business ORDER BY created_at DESC LIMIT :limit")
                .param("business", businessId).param("limit", limit).query(MailRows::mail).list();
    }

    List<Mail> latest(int limit) {
        return jdbc.sql("SELECT * FROM notices_mail ORDER BY created_at DESC, id DESC LIMIT :limit")
                .param("limit", limit).query(MailRows::mail).list();
    }

    private static Mail mail(ResultSet rs, int row) throws SQLException {
        return new Mail(rs.getString("id"), rs.getString("business_id"), rs.getString("to_address"),
                rs.getString("subject"), rs.getString("body"), rs.getString("state"), rs.getInt("attempts"),
                rs.getString("last_error"), SqlTime.instant(rs, "created_at"), SqlTime.instant(rs, "sent_at"));
    }
}
