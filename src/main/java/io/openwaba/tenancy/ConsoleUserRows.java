package io.openwaba.tenancy;

import io.openwaba.shared.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ConsoleUserRows {

    private final JdbcClient jdbc;

    ConsoleUserRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ConsoleUser user, Instant at) {
        jdbc.sql("""
                INSERT INTO tenancy_console_user (id, login, display_name, role, business_id, password_hash, created_at)
                VALUES (:id, :login, :name, :role, :business, :hash, :at)""")
                .param("id", user.id()).param("login", user.login()).param("name", user.displayName())
                .param("role", user.role().name()).param("business", user.businessId())
                .param("hash", user.passwordHash()).param("at", SqlTime.utc(at)).update();
    }

    Optional<ConsoleUser> byLogin(String login) {
        return jdbc.sql("SELECT * FROM tenancy_console_user WHERE login = :login")
                .param("login", login).query((rs, row) -> user(rs)).optional();
    }

    List<ConsoleUser> ofBusiness(String businessId) {
        return jdbc.sql("SELECT * FROM tenancy_console_user WHERE business_id = :business ORDER BY display_name, login")
                .param("business", businessId).query((rs, row) -> user(rs)).list();
    }

    void setPassword(String login, String hash) {
        jdbc.sql("""
                UPDATE tenancy_console_user SET password_hash = :hash, failed_attempts = 0, locked_until = NULL
                WHERE login = :login""").param("hash", hash).param("login", login).update();
    }

    /** Counts a sign-in attempt in one statement, so attempts side by side are all counted; the count after it. */
    int countAttempt(String login) {
        jdbc.sql("UPDATE tenancy_console_user SET failed_attempts = failed_attempts + 1 WHERE login = :login")
                .param("login", login).update();
        return byLogin(login).map(ConsoleUser::failedAttempts).orElse(0);
    }

    void lock(String login, Instant until) {
        jdbc.sql("UPDATE tenancy_console_user SET locked_until = :until, failed_attempts = 0 WHERE login = :login")
                .param("until", SqlTime.utc(until)).param("login", login).update();
    }

    void clearFailures(String login) {
        jdbc.sql("UPDATE tenancy_console_user SET failed_attempts = 0 WHERE login = :login AND failed_attempts > 0")
                .param("login", login).update();
    }

    private static ConsoleUser user(ResultSet rs) throws SQLException {
        return new ConsoleUser(rs.getString("id"), rs.getString("login"), rs.getString("display_name"),
                ConsoleRole.valueOf(rs.getString("role")), rs.getString("business_id"), rs.getString("password_hash"),
                rs.getInt("failed_attempts"), SqlTime.instant(rs, "locked_until"));
    }
}
