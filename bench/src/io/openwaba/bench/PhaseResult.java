package io.openwaba.bench;


record PhaseResult(PhaseStats stats, long deliveriesInWindow) {
}
