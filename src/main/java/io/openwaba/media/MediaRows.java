package io.openwaba.media;

import io.openwaba.shared.Secrets;
import io.openwaba.shared.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class MediaRows {

    private final JdbcClient jdbc;

    MediaRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Row(MediaObject media, String storageKey) {
    }

    void insert(MediaObject media, String storageKey, String sourceUrl) {
        jdbc.sql("""
                INSERT INTO media_object (id, business_id, phone_number_id, mime_type, sha256, file_size, storage_key,
                    filename, source_url, source_url_hash, created_at, expires_at)
                VALUES (:id, :business, :number, :mime, :sha, :size, :key, :filename, :url, :urlHash, :at, :expires)""")
                .param("url", sourceUrl).param("urlHash", sourceUrl == null ? null : Secrets.sha256Hex(sourceUrl))
                .param("id", media.id()).param("business", media.businessId()).param("number", media.phoneNumberId())
                .param("mime", media.mimeType()).param("sha", media.sha256()).param("size", media.fileSize())
                .param("key", storageKey).param("filename", media.filename())
                .param("at", SqlTime.utc(media.createdAt())).param("expires", SqlTime.utc(media.expiresAt()))
                .update();
    }

    Optional<Row> find(String id, Instant now) {
        return jdbc.sql("SELECT * FROM media_object WHERE id = :id AND expires_at > :now")
                .param("id", id).param("now", SqlTime.utc(now)).query(MediaRows::row).optional();
    }

    /** Media already fetched from this link for the business and still kept. */
    Optional<MediaObject> fetched(String businessId, String sourceUrl, Instant now) {
        return jdbc.sql("""
                SELECT * FROM media_object
                WHERE business_id = :business AND source_url_hash = :urlHash AND source_url = :url AND expires_at > :now
                ORDER BY created_at DESC LIMIT 1""")
                .param("business", businessId).param("urlHash", Secrets.sha256Hex(sourceUrl)).param("url", sourceUrl)
                .param("now", SqlTime.utc(now))
                .query(MediaRows::row).optional().map(Row::media);
    }

    java.util.List<Row> expired(Instant now, int limit) {
        return jdbc.sql("SELECT * FROM media_object WHERE expires_at <= :now LIMIT :limit")
                .param("now", SqlTime.utc(now)).param("limit", limit).query(MediaRows::row).list();
    }

    boolean delete(String id) {
        return jdbc.sql("DELETE FROM media_object WHERE id = :id").param("id", id).update() > 0;
    }

    private static Row row(ResultSet rs, int row) throws SQLException {
        return new Row(new MediaObject(rs.getString("id"), rs.getString("business_id"), rs.getString("phone_number_id"),
                rs.getString("mime_type"), rs.getString("sha256"), rs.getLong("file_size"), rs.getString("filename"),
                SqlTime.instant(rs, "created_at"), SqlTime.instant(rs, "expires_at")), rs.getString("storage_key"));
    }
}
