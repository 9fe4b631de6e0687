package io.openwaba.bench;

import io.openwaba.bench.stats.PhaseStats;

/** A phase's statistics and the webhook deliveries that arrived while it ran. */
record PhaseResult(PhaseStats stats, long deliveriesInWindow) {
}
