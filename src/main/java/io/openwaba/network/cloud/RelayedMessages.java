package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.shared.SqlTime;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** What became of each message handed to Meta, by our wamid. */
@OnCloud
@Repository
class RelayedMessages {

    enum State { SENDING, RETRYING, RELAYED, UNCERTAIN }

    record Relayed(String wamid, String metaWamid, State state, int attempts) {
    }

    private final JdbcClient jdbc;

    RelayedMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** By our wamid. */
    Map<String, Relayed> findAll(Collection<String> wamids) {
        return find("wamid", wamids, Relayed::wamid);
    }

    /** By Meta's wamid, for statuses that name only Meta's. */
    Map<String, Relayed> findAllByMeta(Collection<String> metaWamids) {
        return find("meta_wamid", metaWamids, Relayed::metaWamid);
    }

    private Map<String, Relayed> find(String column, Collection<String> ids, Function<Relayed, String> key) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("SELECT wamid, meta_wamid, state, attempts FROM network_cloud_message WHERE " + column
                        + " IN (:ids)")
                .param("ids", ids)
                .query((rs, row) -> new Relayed(rs.getString("wamid"), rs.getString("meta_wamid"),
                        State.valueOf(rs.getString("state")), rs.getInt("attempts")))
                .list().stream().collect(Collectors.toMap(key, r -> r));
    }

    void record(String wamid, String phoneNumberId, String metaWamid, State state, int attempts, Instant at) {
        int updated = jdbc.sql("""
                UPDATE network_cloud_message SET meta_wamid = :meta, state = :state, attempts = :attempts,
                    relayed_at = :at WHERE wamid = :wamid""")
                .param("meta", metaWamid).param("state", state.name()).param("attempts", attempts)
                .param("at", SqlTime.utc(at)).param("wamid", wamid).update();
        if (updated == 0) {
            jdbc.sql("""
                    INSERT INTO network_cloud_message (wamid, phone_number_id, meta_wamid, state, attempts, relayed_at)
                    VALUES (:wamid, :number, :meta, :state, :attempts, :at)""")
                    .param("wamid", wamid).param("number", phoneNumberId).param("meta", metaWamid).param("state", state.name())
                    .param("attempts", attempts).param("at", SqlTime.utc(at)).update();
        }
    }

    /**
     * Takes the message for sending, in its own commit: false when another relay already has it
     * (a node whose lease ran out is still sending it) or has sent it.
     */
    boolean claimSending(String wamid, String phoneNumberId, int attempts, Instant at) {
        int retried = jdbc.sql("""
                UPDATE network_cloud_message SET state = 'SENDING', attempts = :attempts, relayed_at = :at
                WHERE wamid = :wamid AND state = 'RETRYING'""")
                .param("attempts", attempts).param("at", SqlTime.utc(at)).param("wamid", wamid).update();
        return retried > 0 || jdbc.sql("""
                INSERT INTO network_cloud_message (wamid, phone_number_id, state, attempts, relayed_at)
                VALUES (:wamid, :number, 'SENDING', :attempts, :at) ON CONFLICT DO NOTHING""")
                .param("wamid", wamid).param("number", phoneNumberId).param("attempts", attempts)
                .param("at", SqlTime.utc(at)).update() > 0;
    }

    /** Our wamid for Meta's, when a status names only Meta's. */
    Optional<String> ourWamid(String metaWamid) {
        return jdbc.sql("SELECT wamid FROM network_cloud_message WHERE meta_wamid = :meta")
                .param("meta", metaWamid).query(String.class).optional();
    }

    /** Meta's wamid for ours, for the messages a send refers to (a reply's context, a reaction). */
    Optional<String> metaWamid(String wamid) {
        return jdbc.sql("SELECT meta_wamid FROM network_cloud_message WHERE wamid = :wamid AND meta_wamid IS NOT NULL")
                .param("wamid", wamid).query(String.class).optional();
    }

    /**
     * A message Meta has reported on is settled: Meta has it, even if its answer to the send is
     * still on its way or never came (the node stopped, or the request timed out).
     */
    void settle(String wamid, String metaWamid) {
        jdbc.sql("""
                UPDATE network_cloud_message SET state = 'RELAYED', meta_wamid = :meta
                WHERE wamid = :wamid AND state IN ('UNCERTAIN', 'SENDING')""")
                .param("meta", metaWamid).param("wamid", wamid).update();
    }

    /** How many of the number's messages may or may not have reached Meta, and Meta has not reported on. */
    long uncertain(String phoneNumberId) {
        return jdbc.sql("SELECT COUNT(*) FROM network_cloud_message WHERE phone_number_id = :number AND state = 'UNCERTAIN'")
                .param("number", phoneNumberId).query(Long.class).single();
    }
}
