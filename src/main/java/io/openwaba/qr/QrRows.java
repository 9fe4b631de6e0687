package io.openwaba.qr;

import io.openwaba.shared.SqlTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class QrRows {

    private final JdbcClient jdbc;

    QrRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(QrCode qr) {
        jdbc.sql("""
                INSERT INTO qr_code (code, phone_number_id, prefilled_message, created_at, updated_at)
                VALUES (:code, :number, :message, :at, :at)""")
                .param("code", qr.code()).param("number", qr.phoneNumberId()).param("message", qr.prefilledMessage())
                .param("at", SqlTime.utc(qr.createdAt())).update();
    }

    Optional<QrCode> find(String code) {
        return jdbc.sql("SELECT * FROM qr_code WHERE code = :code").param("code", code).query(QrRows::qr).optional();
    }

    List<QrCode> ofNumber(String phoneNumberId) {
        return jdbc.sql("SELECT * FROM qr_code WHERE phone_number_id = :number ORDER BY created_at, code")
                .param("number", phoneNumberId).query(QrRows::qr).list();
    }

    boolean update(String code, String message, Instant at) {
        return jdbc.sql("UPDATE qr_code SET prefilled_message = :message, updated_at = :at WHERE code = :code")
                .param("message", message).param("at", SqlTime.utc(at)).param("code", code).update() > 0;
    }

    boolean delete(String code) {
        return jdbc.sql("DELETE FROM qr_code WHERE code = :code").param("code", code).update() > 0;
    }

    private static QrCode qr(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new QrCode(rs.getString("code"), rs.getString("phone_number_id"), rs.getString("prefilled_message"),
                SqlTime.instant(rs, "created_at"));
    }
}
