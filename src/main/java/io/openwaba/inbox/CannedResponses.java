package io.openwaba.inbox;

import io.openwaba.shared.NodeIds;
import io.openwaba.shared.SqlTime;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The business's canned responses: a shortcut of 1 to {@value #MAX_SHORTCUT} letters, digits,
 * {@code -} or {@code _} (kept in lower case, unique in the business) and a text of up to
 * {@value #MAX_TEXT} characters.
 */
@Repository
class CannedResponses {

    static final int MAX_SHORTCUT = 30;
    static final int MAX_TEXT = 4096;
    static final int SUGGESTED = 8;

    private final JdbcClient jdbc;
    private final Clock clock;

    CannedResponses(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The shortcut as stored (without a leading slash, in lower case), or empty when it is not one. */
    static Optional<String> shortcut(String typed) {
        var shortcut = typed == null ? "" : typed.strip();
        if (shortcut.startsWith("/")) {
            shortcut = shortcut.substring(1);
        }
        shortcut = shortcut.toLowerCase(Locale.ROOT);
        if (shortcut.isEmpty() || shortcut.length() > MAX_SHORTCUT || !shortcut.matches("[\\p{L}\\p{N}_-]+")) {
            return Optional.empty();
        }
        return Optional.of(shortcut);
    }

    /** Adds it, or says by field (message keys) why not; nothing is stored then. */
    Map<String, String> add(String businessId, String typedShortcut, String typedText) {
        var errors = new LinkedHashMap<String, String>();
        var shortcut = shortcut(typedShortcut);
        var text = typedText == null ? "" : typedText.strip();
        if (shortcut.isEmpty()) {
            errors.put("shortcut", "canned.error.shortcut");
        }
        if (text.isEmpty() || text.length() > MAX_TEXT) {
            errors.put("text", "canned.error.text");
        }
        if (!errors.isEmpty()) {
            return errors;
        }
        try {
            jdbc.sql("""
                    INSERT INTO inbox_canned_response (id, business_id, shortcut, text, created_at)
                    VALUES (:id, :business, :shortcut, :text, :at)""")
                    .param("id", NodeIds.next()).param("business", businessId).param("shortcut", shortcut.get())
                    .param("text", text).param("at", SqlTime.utc(clock.instant())).update();
        } catch (DuplicateKeyException taken) {
            errors.put("shortcut", "canned.error.taken");
        }
        return errors;
    }

    boolean remove(String businessId, String id) {
        return jdbc.sql("DELETE FROM inbox_canned_response WHERE id = :id AND business_id = :business")
                .param("id", id).param("business", businessId).update() == 1;
    }

    List<CannedResponse> ofBusiness(String businessId) {
        return jdbc.sql("SELECT * FROM inbox_canned_response WHERE business_id = :business ORDER BY shortcut")
                .param("business", businessId).query((rs, row) -> row(rs)).list();
    }

    Optional<CannedResponse> find(String businessId, String id) {
        return jdbc.sql("SELECT * FROM inbox_canned_response WHERE id = :id AND business_id = :business")
                .param("id", id).param("business", businessId).query((rs, row) -> row(rs)).optional();
    }

    /**
     * What the reply box suggests for what is typed in it: when it is a slash and the start of a
     * shortcut ("/" alone lists the first ones), the responses whose shortcut starts so; else none.
     */
    List<CannedResponse> suggested(String businessId, String typed) {
        if (typed == null || !typed.startsWith("/") || typed.length() > MAX_SHORTCUT + 1) {
            return List.of();
        }
        var prefix = typed.substring(1).toLowerCase(Locale.ROOT);
        if (!prefix.isEmpty() && shortcut(prefix).isEmpty()) {
            return List.of();
        }
        return ofBusiness(businessId).stream().filter(c -> c.shortcut().startsWith(prefix)).limit(SUGGESTED).toList();
    }

    private static CannedResponse row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new CannedResponse(rs.getString("id"), rs.getString("shortcut"), rs.getString("text"));
    }
}
