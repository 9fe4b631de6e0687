package io.openwaba.numbers;

import java.time.Instant;
import java.util.Set;

/**
 * A messaging limit as it stands, for a check before sending: the tier, the unique customers
 * reached in the rolling window, which of the customers asked about are among them (they cost
 * nothing more), when capacity frees, whether the number is RESTRICTED, and its throughput.
 */
public record LimitStanding(Tier tier, int used, Set<String> alreadyReached, Instant capacityFreesAt,
                            boolean restricted, int messagesPerSecond) {

    /** How many more new customers the tier admits now (Long.MAX_VALUE without a limit). */
    public long headroom() {
        return tier.unlimited() ? Long.MAX_VALUE : Math.max(0, tier.limit() - used);
    }
}
