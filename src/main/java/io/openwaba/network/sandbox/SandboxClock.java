package io.openwaba.network.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wall-clock time plus an offset that only grows. Advancing it moves time for every rule and
 * timer at once (windows, retries, acknowledgements); the offset is stored, so it survives a restart.
 */
public final class SandboxClock extends Clock {

    private final Clock system = Clock.systemUTC();
    private final AtomicLong offsetMillis;
    private final JdbcClient jdbc;

    private SandboxClock(JdbcClient jdbc, long offsetMillis) {
        this.jdbc = jdbc;
        this.offsetMillis = new AtomicLong(offsetMillis);
    }

    public static SandboxClock load(JdbcClient jdbc) {
        long offset = jdbc.sql("SELECT offset_millis FROM network_clock WHERE id = 1").query(Long.class)
                .optional().orElse(0L);
        return new SandboxClock(jdbc, offset);
    }

    public synchronized Instant advance(Duration by) {
        long offset = offsetMillis.addAndGet(by.toMillis());
        if (jdbc.sql("UPDATE network_clock SET offset_millis = :offset WHERE id = 1").param("offset", offset)
                .update() == 0) {
            jdbc.sql("INSERT INTO network_clock (id, offset_millis) VALUES (1, :offset)").param("offset", offset)
                    .update();
        }
        return instant();
    }

    public Duration offset() {
        return Duration.ofMillis(offsetMillis.get());
    }

    @Override
    public Instant instant() {
        return system.instant().plusMillis(offsetMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the sandbox clock is UTC only");
    }
}
