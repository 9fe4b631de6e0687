package io.openwaba.tenancy;

import io.openwaba.shared.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Businesses {

    private final JdbcClient jdbc;

    Businesses(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Business business) {
        jdbc.sql("""
                INSERT INTO tenancy_business (id, name, verified, notification_email, app_secret, created_at)
                VALUES (:id, :name, :verified, :email, :secret, :at)""")
                .param("id", business.id()).param("name", business.name())
                .param("verified", business.verified()).param("email", business.notificationEmail())
                .param("secret", business.appSecret()).param("at", SqlTime.utc(business.createdAt()))
                .update();
    }

    Optional<Business> find(String id) {
        return jdbc.sql("SELECT * FROM tenancy_business WHERE id = :id").param("id", id)
                .query(Businesses::map).optional();
    }

    List<Business> all() {
        return jdbc.sql("SELECT * FROM tenancy_business ORDER BY created_at, id").query(Businesses::map).list();
    }

    void markVerified(String id) {
        jdbc.sql("UPDATE tenancy_business SET verified = TRUE WHERE id = :id").param("id", id).update();
    }

    void setAppSecret(String id, String secret) {
        jdbc.sql("UPDATE tenancy_business SET app_secret = :secret WHERE id = :id")
                .param("id", id).param("secret", secret).update();
    }

    private static Business map(ResultSet rs, int row) throws SQLException {
        return new Business(rs.getString("id"), rs.getString("name"), rs.getBoolean("verified"),
                rs.getString("notification_email"), rs.getString("app_secret"), SqlTime.instant(rs, "created_at"));
    }
}
