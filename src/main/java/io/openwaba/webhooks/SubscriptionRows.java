package io.openwaba.webhooks;

import io.openwaba.shared.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SubscriptionRows {

    private final JdbcClient jdbc;

    SubscriptionRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void save(Subscription s) {
        int updated = jdbc.sql("""
                UPDATE webhooks_subscription SET callback_url = :url, verify_token = :token, app_secret = :secret,
                    fields = :fields, active = :active, disabled_reason = :reason, updated_at = :updated
                WHERE waba_id = :waba""")
                .params(params(s)).update();
        if (updated == 0) {
            int inserted = jdbc.sql("""
                    INSERT INTO webhooks_subscription (waba_id, callback_url, verify_token, app_secret, fields, active,
                        disabled_reason, created_at, updated_at)
                    VALUES (:waba, :url, :token, :secret, :fields, :active, :reason, :created, :updated)
                    ON CONFLICT DO NOTHING""")
                    .params(params(s)).update();
            if (inserted == 0) {
                save(s);
            }
        }
    }

    Optional<Subscription> find(String wabaId) {
        return jdbc.sql("SELECT * FROM webhooks_subscription WHERE waba_id = :waba").param("waba", wabaId)
                .query(SubscriptionRows::map).optional();
    }

    List<Subscription> findAll(Collection<String> wabaIds) {
        if (wabaIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM webhooks_subscription WHERE waba_id IN (:wabas)").param("wabas", wabaIds)
                .query(SubscriptionRows::map).list();
    }

    boolean delete(String wabaId) {
        return jdbc.sql("DELETE FROM webhooks_subscription WHERE waba_id = :waba").param("waba", wabaId).update() > 0;
    }

    void disable(String wabaId, String reason, Instant at) {
        jdbc.sql("UPDATE webhooks_subscription SET active = FALSE, disabled_reason = :reason, updated_at = :at"
                        + " WHERE waba_id = :waba")
                .param("waba", wabaId).param("reason", reason).param("at", SqlTime.utc(at)).update();
    }

    private static Map<String, Object> params(Subscription s) {
        var params = new HashMap<String, Object>();
        params.put("waba", s.wabaId());
        params.put("url", s.callbackUrl());
        params.put("token", s.verifyToken());
        params.put("secret", s.appSecret());
        params.put("fields", String.join(",", s.fields()));
        params.put("active", s.active());
        params.put("reason", s.disabledReason());
        params.put("created", SqlTime.utc(s.createdAt()));
        params.put("updated", SqlTime.utc(s.updatedAt()));
        return params;
    }

    private static Subscription map(ResultSet rs, int row) throws SQLException {
        var fields = Arrays.stream(rs.getString("fields").split(",")).filter(f -> !f.isBlank())
                .collect(Collectors.toCollection(TreeSet::new));
        return new Subscription(rs.getString("waba_id"), rs.getString("callback_url"), rs.getString("verify_token"),
                rs.getString("app_secret"), fields, rs.getBoolean("active"), rs.getString("disabled_reason"),
                SqlTime.instant(rs, "created_at"),
                SqlTime.instant(rs, "updated_at"));
    }
}
