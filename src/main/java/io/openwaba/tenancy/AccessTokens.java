package io.openwaba.tenancy;

import io.openwaba.shared.Caller;
import io.openwaba.shared.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AccessTokens {

    private final JdbcClient jdbc;

    AccessTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(String id, Caller.Role role, String businessId, String hash, String label, Instant at) {
        jdbc.sql("""
                INSERT INTO tenancy_token (id, role, business_id, token_hash, label, created_at)
                VALUES (:id, :role, :business, :hash, :label, :at)""")
                .param("id", id).param("role", role.name()).param("business", businessId)
                .param("hash", hash).param("label", label).param("at", SqlTime.utc(at))
                .update();
    }

    Optional<Caller> activeByHash(String hash) {
        return jdbc.sql("SELECT id, role, business_id FROM tenancy_token WHERE token_hash = :hash AND revoked_at IS NULL")
                .param("hash", hash)
                .query((rs, row) -> new Caller(Caller.Role.valueOf(rs.getString("role")),
                        rs.getString("business_id"), rs.getString("id")))
                .optional();
    }

    boolean exists(String hash) {
        return jdbc.sql("SELECT COUNT(*) FROM tenancy_token WHERE token_hash = :hash").param("hash", hash)
                .query(Long.class).single() > 0;
    }

    List<TokenInfo> ofBusiness(String businessId) {
        return jdbc.sql("SELECT * FROM tenancy_token WHERE business_id = :business ORDER BY created_at, id")
                .param("business", businessId).query(AccessTokens::map).list();
    }

    Optional<TokenInfo> find(String id) {
        return jdbc.sql("SELECT * FROM tenancy_token WHERE id = :id").param("id", id).query(AccessTokens::map).optional();
    }

    boolean revoke(String id, Instant at) {
        return jdbc.sql("UPDATE tenancy_token SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
                .param("id", id).param("at", SqlTime.utc(at)).update() > 0;
    }

    private static TokenInfo map(ResultSet rs, int row) throws SQLException {
        return new TokenInfo(rs.getString("id"), rs.getString("role"), rs.getString("business_id"),
                rs.getString("label"), SqlTime.instant(rs, "created_at"), SqlTime.instant(rs, "revoked_at"));
    }
}
