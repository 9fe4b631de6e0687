package io.openwaba.shared;

import java.time.Clock;
import java.time.Instant;

/**
 * Real elapsed time, for leases, backoff and what is remembered for a while: unlike the domain
 * {@link Clock} bean, which the sandbox advances, it never jumps.
 */
public record WallClock(Clock clock) {

    public Instant instant() {
        return clock.instant();
    }
}
