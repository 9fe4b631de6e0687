package io.openwaba.tenancy;

import io.openwaba.shared.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Wabas {

    private final JdbcClient jdbc;

    Wabas(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Waba waba) {
        jdbc.sql("INSERT INTO tenancy_waba (id, business_id, name, created_at) VALUES (:id, :business, :name, :at)")
                .param("id", waba.id()).param("business", waba.businessId()).param("name", waba.name())
                .param("at", SqlTime.utc(waba.createdAt()))
                .update();
    }

    Optional<Waba> find(String id) {
        return jdbc.sql("SELECT * FROM tenancy_waba WHERE id = :id").param("id", id).query(Wabas::map).optional();
    }

    List<Waba> ofBusiness(String businessId) {
        return jdbc.sql("SELECT * FROM tenancy_waba WHERE business_id = :business ORDER BY created_at, id")
                .param("business", businessId).query(Wabas::map).list();
    }

    private static Waba map(ResultSet rs, int row) throws SQLException {
        return new Waba(rs.getString("id"), rs.getString("business_id"), rs.getString("name"),
                SqlTime.instant(rs, "created_at"));
    }
}
