package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.shared.SqlTime;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Which of our media ids has a copy at Meta, per number that uploaded it there. */
@OnCloud
@Repository
class CloudMediaRows {

    private final JdbcClient jdbc;

    CloudMediaRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<String> metaMediaId(String mediaId, String phoneNumberId) {
        return jdbc.sql("""
                SELECT meta_media_id FROM network_cloud_media WHERE media_id = :media AND phone_number_id = :number""")
                .param("media", mediaId).param("number", phoneNumberId).query(String.class).optional();
    }

    /** Records Meta's copy; a second copy made at the same moment fails on the key (either serves). */
    void save(String mediaId, String phoneNumberId, String metaMediaId, Instant at) {
        jdbc.sql("""
                INSERT INTO network_cloud_media (media_id, phone_number_id, meta_media_id, created_at)
                VALUES (:media, :number, :meta, :at)""")
                .param("media", mediaId).param("number", phoneNumberId).param("meta", metaMediaId)
                .param("at", SqlTime.utc(at)).update();
    }
}
