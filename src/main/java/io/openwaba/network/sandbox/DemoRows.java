package io.openwaba.network.sandbox;

import io.openwaba.network.OnSandbox;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@OnSandbox
@Repository
class DemoRows {

    private final JdbcClient jdbc;

    DemoRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Demo(String businessId, String wabaId, String phoneNumberId, String accessToken, String adminToken) {
    }

    /** The demo business's console logins, with the passwords set at this start. */
    record ConsoleLogins(String operatorLogin, String operatorPassword, String adminLogin, String adminPassword) {
    }

    Optional<ConsoleLogins> consoleLogins() {
        return jdbc.sql("SELECT * FROM network_demo WHERE id = 1 AND operator_login IS NOT NULL")
                .query((rs, row) -> new ConsoleLogins(rs.getString("operator_login"), rs.getString("operator_password"),
                        rs.getString("admin_login"), rs.getString("admin_password")))
                .optional();
    }

    void saveConsoleLogins(ConsoleLogins logins) {
        jdbc.sql("""
                UPDATE network_demo SET operator_login = :operator, operator_password = :operatorPassword,
                    admin_login = :admin, admin_password = :adminPassword WHERE id = 1""")
                .param("operator", logins.operatorLogin()).param("operatorPassword", logins.operatorPassword())
                .param("admin", logins.adminLogin()).param("adminPassword", logins.adminPassword()).update();
    }

    Optional<Demo> find() {
        return jdbc.sql("SELECT * FROM network_demo WHERE id = 1")
                .query((rs, row) -> new Demo(rs.getString("business_id"), rs.getString("waba_id"),
                        rs.getString("phone_number_id"), rs.getString("access_token"), rs.getString("admin_token")))
                .optional();
    }

    void save(Demo demo) {
        int updated = jdbc.sql("UPDATE network_demo SET access_token = :token, admin_token = :admin WHERE id = 1")
                .param("token", demo.accessToken()).param("admin", demo.adminToken()).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO network_demo (id, business_id, waba_id, phone_number_id, access_token, admin_token)
                    VALUES (1, :business, :waba, :number, :token, :admin)""")
                    .param("business", demo.businessId()).param("waba", demo.wabaId())
                    .param("number", demo.phoneNumberId()).param("token", demo.accessToken())
                    .param("admin", demo.adminToken()).update();
        }
    }
}
