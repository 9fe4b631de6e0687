package io.openwaba.tenancy;

import io.openwaba.shared.SqlTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class TeamRows {

    private final JdbcClient jdbc;

    TeamRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Team team, Instant at) {
        jdbc.sql("INSERT INTO tenancy_team (id, business_id, name, created_at) VALUES (:id, :business, :name, :at)")
                .param("id", team.id()).param("business", team.businessId()).param("name", team.name())
                .param("at", SqlTime.utc(at)).update();
        setMembers(team.id(), team.memberIds());
    }

    void setMembers(String teamId, java.util.Collection<String> memberIds) {
        jdbc.sql("DELETE FROM tenancy_team_member WHERE team_id = :team").param("team", teamId).update();
        for (var userId : memberIds) {
            jdbc.sql("INSERT INTO tenancy_team_member (team_id, user_id) VALUES (:team, :user)")
                    .param("team", teamId).param("user", userId).update();
        }
    }

    List<Team> ofBusiness(String businessId) {
        var members = new LinkedHashMap<String, List<String>>();
        var names = new LinkedHashMap<String, String>();
        jdbc.sql("""
                SELECT t.id, t.name, m.user_id FROM tenancy_team t
                LEFT JOIN tenancy_team_member m ON m.team_id = t.id
                WHERE t.business_id = :business ORDER BY t.name, t.id, m.user_id""")
                .param("business", businessId).query(rs -> {
                    var id = rs.getString("id");
                    names.put(id, rs.getString("name"));
                    var list = members.computeIfAbsent(id, any -> new ArrayList<>());
                    if (rs.getString("user_id") != null) {
                        list.add(rs.getString("user_id"));
                    }
                });
        return names.entrySet().stream()
                .map(e -> new Team(e.getKey(), businessId, e.getValue(), members.get(e.getKey()))).toList();
    }

    Set<String> teamIdsOf(String userId) {
        return new HashSet<>(jdbc.sql("SELECT team_id FROM tenancy_team_member WHERE user_id = :user")
                .param("user", userId).query(String.class).list());
    }
}
