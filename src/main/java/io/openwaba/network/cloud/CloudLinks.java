package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.shared.SqlTime;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which Meta phone number each openwaba number sends through, with its token encrypted at rest. */
@OnCloud
@Repository
class CloudLinks {

    /** A link as the relay uses it: the token decrypted. */
    record Link(String phoneNumberId, String metaPhoneNumberId, String metaWabaId, String token, Instant linkedAt,
                Instant brokenAt, String brokenReason) {
        boolean broken() {
            return brokenAt != null;
        }
    }

    private final JdbcClient jdbc;
    private final TokenCipher cipher;

    CloudLinks(JdbcClient jdbc, CloudSettings settings) {
        this.jdbc = jdbc;
        this.cipher = new TokenCipher(settings.secretKey());
    }

    /** Links a number, or relinks it with a new token (which also mends a broken link). */
    void save(String phoneNumberId, String metaPhoneNumberId, String metaWabaId, String token, Instant at) {
        var ciphertext = cipher.encrypt(token);
        int updated = jdbc.sql("""
                UPDATE network_cloud_link SET meta_phone_number_id = :meta, meta_waba_id = :waba,
                    token_ciphertext = :token, linked_at = :at, broken_at = NULL, broken_reason = NULL
                WHERE phone_number_id = :id""")
                .param("meta", metaPhoneNumberId).param("waba", metaWabaId).param("token", ciphertext)
                .param("at", SqlTime.utc(at)).param("id", phoneNumberId).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO network_cloud_link (phone_number_id, meta_phone_number_id, meta_waba_id,
                        token_ciphertext, linked_at)
                    VALUES (:id, :meta, :waba, :token, :at)""")
                    .param("id", phoneNumberId).param("meta", metaPhoneNumberId).param("waba", metaWabaId)
                    .param("token", ciphertext).param("at", SqlTime.utc(at)).update();
        }
    }

    Optional<Link> find(String phoneNumberId) {
        return jdbc.sql("SELECT * FROM network_cloud_link WHERE phone_number_id = :id").param("id", phoneNumberId)
                .query((rs, row) -> link(rs)).optional();
    }

    List<Link> findAll(Collection<String> phoneNumberIds) {
        return jdbc.sql("SELECT * FROM network_cloud_link WHERE phone_number_id IN (:ids)")
                .param("ids", phoneNumberIds).query((rs, row) -> link(rs)).list();
    }

    /**
     * A working link among these numbers (the oldest): what a WABA's own calls to Meta (its
     * templates) go through, since the link names the Meta WABA and holds a token for it.
     */
    Optional<Link> anyOf(Collection<String> phoneNumberIds) {
        if (phoneNumberIds.isEmpty()) {
            return Optional.empty();
        }
        return findAll(phoneNumberIds).stream().filter(link -> !link.broken())
                .min(java.util.Comparator.comparing(Link::linkedAt).thenComparing(Link::phoneNumberId));
    }

    /** The openwaba numbers linked to numbers of this Meta WABA, as Meta's account webhooks name it. */
    List<String> numbersOfMetaWaba(String metaWabaId) {
        return jdbc.sql("SELECT phone_number_id FROM network_cloud_link WHERE meta_waba_id = :waba ORDER BY phone_number_id")
                .param("waba", metaWabaId).query(String.class).list();
    }

    /** Every linked number. */
    List<String> linkedNumbers() {
        return jdbc.sql("SELECT phone_number_id FROM network_cloud_link ORDER BY phone_number_id").query(String.class).list();
    }

    /** The openwaba number linked to a Meta phone number id, as Meta's webhooks name it. */
    Optional<String> numberOfMeta(String metaPhoneNumberId) {
        return jdbc.sql("SELECT phone_number_id FROM network_cloud_link WHERE meta_phone_number_id = :meta")
                .param("meta", metaPhoneNumberId).query(String.class).optional();
    }


    /**
     * Meta refused the token: the number's queue pauses until it is linked again. True only for
     * the call that broke it, so a break is reported once however many messages meet it.
     */
    boolean markBroken(String phoneNumberId, String reason, Instant at) {
        return jdbc.sql("""
                UPDATE network_cloud_link SET broken_at = :at, broken_reason = :reason
                WHERE phone_number_id = :id AND broken_at IS NULL""")
                .param("at", SqlTime.utc(at)).param("reason", reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                .param("id", phoneNumberId).update() == 1;
    }

    private Link link(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Link(rs.getString("phone_number_id"), rs.getString("meta_phone_number_id"),
                rs.getString("meta_waba_id"), cipher.decrypt(rs.getString("token_ciphertext")),
                SqlTime.instant(rs, "linked_at"), SqlTime.instant(rs, "broken_at"), rs.getString("broken_reason"));
    }
}
