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
                    verified_name, status, messaging_limit_tier, quality_rating, created_at, code_verification_status,
                    review_due_at, messages_per_second, human_agent_missing_since)
                VALUES (:id, :waba, :business, :waId, :display, :country, :name, :status, :tier, :quality, :at,
                    :codeStatus, :reviewDue, :perSecond, :at)""")
                .param("id", number.id()).param("waba", number.wabaId()).param("business", number.businessId())
                .param("waId", number.waId().digits()).param("display", number.displayPhoneNumber())
                .param("country", number.waId().country()).param("name", number.verifiedName())
                .param("status", number.status()).param("tier", number.messagingLimitTier())
                .param("quality", number.qualityRating()).param("at", SqlTime.utc(number.createdAt()))
                .param("codeStatus", number.codeVerificationStatus())
                .param("reviewDue", SqlTime.utc(number.reviewDueAt()))
                .param("perSecond", number.messagesPerSecond())
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

    /** The number, its row locked until the transaction ends: health changes to one number are serialised. */
    Optional<PhoneNumber> lock(String id) {
        return jdbc.sql("SELECT * FROM numbers_phone_number WHERE id = :id FOR UPDATE").param("id", id)
                .query(PhoneNumberRows::map).optional();
    }

    List<PhoneNumber> ofBusiness(String businessId) {
        return jdbc.sql("SELECT * FROM numbers_phone_number WHERE business_id = :business ORDER BY id")
                .param("business", businessId).query(PhoneNumberRows::map).list();
    }

    /** Numbers that count against a WABA's or a business's allowance: all but OFFLINE ones. */
    int countActive(String column, String value) {
        return jdbc.sql("SELECT COUNT(*) FROM numbers_phone_number WHERE " + column + " = :value AND status <> 'OFFLINE'")
                .param("value", value).query(Integer.class).single();
    }

    List<PhoneNumber> withStatus(List<String> statuses) {
        return jdbc.sql("SELECT * FROM numbers_phone_number WHERE status IN (:statuses) ORDER BY id")
                .param("statuses", statuses).query(PhoneNumberRows::map).list();
    }

    List<String> reviewsDue(java.time.Instant now) {
        return jdbc.sql("SELECT id FROM numbers_phone_number WHERE status = 'PENDING' AND review_due_at <= :now")
                .param("now", SqlTime.utc(now)).query(String.class).list();
    }

    void setHealth(String id, String status, String quality, java.time.Instant flaggedAt) {
        jdbc.sql("UPDATE numbers_phone_number SET status = :status, quality_rating = :quality, flagged_at = :flagged"
                        + " WHERE id = :id")
                .param("status", status).param("quality", quality).param("flagged", SqlTime.utc(flaggedAt))
                .param("id", id).update();
    }

    void setTierName(String column, String value, String tierName) {
        jdbc.sql("UPDATE numbers_phone_number SET messaging_limit_tier = :tier WHERE " + column + " = :value")
                .param("tier", tierName).param("value", value).update();
    }

    void setColumn(String id, String column, Object value) {
        jdbc.sql("UPDATE numbers_phone_number SET " + column + " = :value WHERE id = :id")
                .param("value", value instanceof java.time.Instant at ? SqlTime.utc(at) : value)
                .param("id", id).update();
    }

    void move(String id, String wabaId, String businessId) {
        jdbc.sql("UPDATE numbers_phone_number SET waba_id = :waba, business_id = :business WHERE id = :id")
                .param("waba", wabaId).param("business", businessId).param("id", id).update();
    }

    /** Counts one more wrong verification code; returns how many there have been since the code was sent. */
    int countWrongCode(String id) {
        jdbc.sql("UPDATE numbers_phone_number SET verification_attempts = verification_attempts + 1 WHERE id = :id")
                .param("id", id).update();
        return jdbc.sql("SELECT verification_attempts FROM numbers_phone_number WHERE id = :id").param("id", id)
                .query(Integer.class).single();
    }

    String codeHash(String id) {
        return jdbc.sql("SELECT verification_code_hash FROM numbers_phone_number WHERE id = :id").param("id", id)
                .query((rs, row) -> rs.getString(1)).list().stream().filter(java.util.Objects::nonNull).findFirst()
                .orElse(null);
    }

    java.time.Instant codeExpiry(String id) {
        return jdbc.sql("SELECT verification_code_expires_at FROM numbers_phone_number WHERE id = :id").param("id", id)
                .query((rs, row) -> SqlTime.instant(rs, "verification_code_expires_at")).single();
    }

    private static PhoneNumber map(ResultSet rs, int row) throws SQLException {
        return new PhoneNumber(rs.getString("id"), rs.getString("waba_id"), rs.getString("business_id"),
                new WaId(rs.getString("wa_id"), rs.getString("country")), rs.getString("display_phone_number"),
                rs.getString("verified_name"), rs.getString("status"), rs.getString("messaging_limit_tier"),
                rs.getString("quality_rating"), SqlTime.instant(rs, "created_at"),
                rs.getString("code_verification_status"), SqlTime.instant(rs, "review_due_at"),
                SqlTime.instant(rs, "flagged_at"), rs.getInt("messages_per_second"),
                rs.getString("official_status"), rs.getString("human_agent"),
                SqlTime.instant(rs, "human_agent_missing_since"));
    }
}
