package io.openwaba.numbers;

import io.openwaba.shared.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PhoneNumberRows {

    private final JdbcClient jdbc;

    PhoneNumberRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(PhoneNumber number) {
        jdbc.sql("""
                INSERT INTO numbers_phone_number (id, waba_id, business_id, wa_id, display_phone_number, country,
                    verified_name, status, messaging_limit_tier, quality_rating, created_at)
                VALUES (:id, :waba, :business, :waId, :display, :country, :name, :status, :tier, :quality, :at)""")
                .param("id", number.id()).param("waba", number.wabaId()).param("business", number.businessId())
                .param("waId", number.waId().digits()).param("display", number.displayPhoneNumber())
                .param("country", number.waId().country()).param("name", number.verifiedName())
                .param("status", number.status()).param("tier", number.messagingLimitTier())
                .param("quality", number.qualityRating()).param("at", SqlTime.utc(number.createdAt()))
                .update();
    }

    Optional<PhoneNumber> find(String id) {
        return jdbc.sql("SELECT * FROM numbers_phone_number WHERE id = :id").param("id", id)
                .query(PhoneNumberRows::map).optional();
    }

    boolean existsWithWaId(String digits) {
        return jdbc.sql("SELECT COUNT(*) FROM numbers_phone_number WHERE wa_id = :digits").param("digits", digits)
                .query(Long.class).single() > 0;
    }

    List<PhoneNumber> ofWaba(String wabaId) {
        return jdbc.sql("SELECT * FROM numbers_phone_number WHERE waba_id = :waba ORDER BY created_at DESC, id")
                .param("waba", wabaId).query(PhoneNumberRows::map).list();
    }

    private static PhoneNumber map(ResultSet rs, int row) throws SQLException {
        return new PhoneNumber(rs.getString("id"), rs.getString("waba_id"), rs.getString("business_id"),
                new WaId(rs.getString("wa_id"), rs.getString("country")), rs.getString("display_phone_number"),
                rs.getString("verified_name"), rs.getString("status"), rs.getString("messaging_limit_tier"),
                rs.getString("quality_rating"), SqlTime.instant(rs, "created_at"));
    }
}
