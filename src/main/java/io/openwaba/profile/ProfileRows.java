package io.openwaba.profile;

import io.openwaba.shared.SqlTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class ProfileRows {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    ProfileRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<BusinessProfile> find(String phoneNumberId) {
        return jdbc.sql("SELECT * FROM profile_business_profile WHERE phone_number_id = :id").param("id", phoneNumberId)
                .query((rs, row) -> new BusinessProfile(rs.getString("about"), rs.getString("address"),
                        rs.getString("description"), rs.getString("email"), websites(rs.getString("websites")),
                        rs.getString("vertical"), rs.getString("picture_media_id")))
                .optional();
    }

    /** Inserts the profile, or updates it when the number has one (safe when two requests race). */
    void save(String phoneNumberId, BusinessProfile profile, Instant at) {
        int created = jdbc.sql("""
                INSERT INTO profile_business_profile (phone_number_id, about, address, description, email, websites,
                    vertical, picture_media_id, updated_at)
                VALUES (:id, :about, :address, :description, :email, :websites, :vertical, :picture, :at)
                ON CONFLICT DO NOTHING""")
                .params(params(phoneNumberId, profile, at)).update();
        if (created == 0) {
            jdbc.sql("""
                    UPDATE profile_business_profile SET about = :about, address = :address, description = :description,
                        email = :email, websites = :websites, vertical = :vertical, picture_media_id = :picture,
                        updated_at = :at
                    WHERE phone_number_id = :id""")
                    .params(params(phoneNumberId, profile, at)).update();
        }
    }

    private static java.util.Map<String, Object> params(String id, BusinessProfile profile, Instant at) {
        var params = new java.util.HashMap<String, Object>();
        params.put("id", id);
        params.put("about", profile.about());
        params.put("address", profile.address());
        params.put("description", profile.description());
        params.put("email", profile.email());
        params.put("websites", JSON.writeValueAsString(profile.websites()));
        params.put("vertical", profile.vertical());
        params.put("picture", profile.pictureMediaId());
        params.put("at", SqlTime.utc(at));
        return params;
    }

    private static List<String> websites(String json) {
        return json == null ? List.of() : JSON.readValue(json, new TypeReference<List<String>>() { });
    }
}
