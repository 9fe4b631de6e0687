package io.openwaba.numbers;

import io.openwaba.shared.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
                .param("status", number.status().name()).param("tier", number.messagingLimitTier())
                .param("quality", number.qualityRating().name()).param("at", SqlTime.utc(number.createdAt()))
                .param("codeStatus", number.codeVerificationStatus().name())
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

    /** How many of the WABA's numbers are in each status: the figures of the number allowance. */
    Map<NumberStatus, Integer> statusesInWaba(String wabaId) {
        return statusCounts("SELECT status, COUNT(*) AS numbers FROM numbers_phone_number WHERE waba_id = :owner"
                + " GROUP BY status", wabaId);
    }

    /** How many of the business's numbers are in each status. */
    Map<NumberStatus, Integer> statusesInBusiness(String businessId) {
        return statusCounts("SELECT status, COUNT(*) AS numbers FROM numbers_phone_number WHERE business_id = :owner"
                + " GROUP BY status", businessId);
    }

    private Map<NumberStatus, Integer> statusCounts(String sql, String owner) {
        var counts = new EnumMap<NumberStatus, Integer>(NumberStatus.class);
        jdbc.sql(sql)
                .param("owner", owner)
                .query((rs, row) -> counts.put(NumberStatus.valueOf(rs.getString("status")), rs.getInt("numbers")))
                .list();
        return counts;
    }

    List<PhoneNumber> withStatus(Set<NumberStatus> statuses) {
        return jdbc.sql("SELECT * FROM numbers_phone_number WHERE status IN (:statuses) ORDER BY id")
                .param("statuses", statuses.stream().map(Enum::name).sorted().toList())
                .query(PhoneNumberRows::map).list();
    }

    /** PENDING numbers whose review is due. */
    List<String> reviewsDue(Instant now) {
        return jdbc.sql("SELECT id FROM numbers_phone_number WHERE status = :pending AND review_due_at <= :now")
                .param("pending", NumberStatus.PENDING.name()).param("now", SqlTime.utc(now))
                .query(String.class).list();
    }

    void setHealth(String id, NumberStatus status, QualityRating quality, Instant flaggedAt) {
        jdbc.sql("UPDATE numbers_phone_number SET status = :status, quality_rating = :quality, flagged_at = :flagged"
                        + " WHERE id = :id")
                .param("status", status.name()).param("quality", quality.name())
                .param("flagged", SqlTime.utc(flaggedAt)).param("id", id).update();
    }

    void setStatus(String id, NumberStatus status) {
        update("UPDATE numbers_phone_number SET status = :value WHERE id = :id", id, status.name());
    }

    void setQuality(String id, QualityRating quality) {
        update("UPDATE numbers_phone_number SET quality_rating = :value WHERE id = :id", id, quality.name());
    }

    void setTier(String id, String tierName) {
        update("UPDATE numbers_phone_number SET messaging_limit_tier = :value WHERE id = :id", id, tierName);
    }

    /** Under a per-business limit every number of the business shows the business's tier. */
    void setTierOfBusiness(String businessId, String tierName) {
        jdbc.sql("UPDATE numbers_phone_number SET messaging_limit_tier = :tier WHERE business_id = :business")
                .param("tier", tierName).param("business", businessId).update();
    }

    void setThroughput(String id, int messagesPerSecond) {
        update("UPDATE numbers_phone_number SET messages_per_second = :value WHERE id = :id", id, messagesPerSecond);
    }

    void setReviewDue(String id, Instant dueAt) {
        update("UPDATE numbers_phone_number SET review_due_at = :value WHERE id = :id", id, SqlTime.utc(dueAt));
    }

    /** The human agent ({@code null}: none) and since when the number has been without one. */
    void setHumanAgent(String id, String contact, Instant missingSince) {
        jdbc.sql("UPDATE numbers_phone_number SET human_agent = :contact, human_agent_missing_since = :since"
                        + " WHERE id = :id")
                .param("contact", contact).param("since", SqlTime.utc(missingSince)).param("id", id).update();
    }

    /** Starts the grace period of a number without a human agent again from {@code since}. */
    void setHumanAgentMissingSince(String id, Instant since) {
        update("UPDATE numbers_phone_number SET human_agent_missing_since = :value WHERE id = :id", id, SqlTime.utc(since));
    }

    void setOfficialStatus(String id, OfficialStatus officialStatus) {
        update("UPDATE numbers_phone_number SET official_status = :value WHERE id = :id", id, officialStatus.name());
    }

    void setCodeStatus(String id, CodeVerificationStatus codeStatus) {
        update("UPDATE numbers_phone_number SET code_verification_status = :value WHERE id = :id", id, codeStatus.name());
    }

    /** A new verification code: its hash, when it expires, no wrong attempts yet. */
    void newCode(String id, String codeHash, Instant expiresAt) {
        jdbc.sql("""
                UPDATE numbers_phone_number
                SET verification_code_hash = :hash, verification_code_expires_at = :expires, verification_attempts = 0
                WHERE id = :id""")
                .param("hash", codeHash).param("expires", SqlTime.utc(expiresAt)).param("id", id).update();
    }

    /** The code can no longer be used: a new one must be requested. */
    void voidCode(String id) {
        update("UPDATE numbers_phone_number SET verification_code_hash = :value WHERE id = :id", id, null);
    }

    void setPin(String id, String pinHash) {
        update("UPDATE numbers_phone_number SET pin_hash = :value WHERE id = :id", id, pinHash);
    }

    private void update(String sql, String id, Object value) {
        jdbc.sql(sql).param("value", value).param("id", id).update();
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

    Instant codeExpiry(String id) {
        return jdbc.sql("SELECT verification_code_expires_at FROM numbers_phone_number WHERE id = :id").param("id", id)
                .query((rs, row) -> SqlTime.instant(rs, "verification_code_expires_at")).single();
    }

    private static PhoneNumber map(ResultSet rs, int row) throws SQLException {
        return new PhoneNumber(rs.getString("id"), rs.getString("waba_id"), rs.getString("business_id"),
                new WaId(rs.getString("wa_id"), rs.getString("country")), rs.getString("display_phone_number"),
                rs.getString("verified_name"), NumberStatus.valueOf(rs.getString("status")),
                rs.getString("messaging_limit_tier"), QualityRating.valueOf(rs.getString("quality_rating")), SqlTime.instant(rs, "created_at"),
                CodeVerificationStatus.valueOf(rs.getString("code_verification_status")), SqlTime.instant(rs, "review_due_at"),
                SqlTime.instant(rs, "flagged_at"), rs.getInt("messages_per_second"),
                OfficialStatus.valueOf(rs.getString("official_status")), rs.getString("human_agent"),
                SqlTime.instant(rs, "human_agent_missing_since"));
    }
}
