package io.openwaba.bench;

import io.openwaba.bench.json.Json;
import java.time.Duration;
import java.util.Map;

/**
 * One number's limits as the server reports them in its health view
 * ({@code GET /api/phone-numbers/{id}/health}): its throughput, its messaging-limit tier and how many unique
 * customers that tier allows per 24 h ({@code null}: no limit), and the pair rate limit's interval, one
 * message per (number, customer) pair after the burst ({@code null} when the server does not report it).
 */
record NumberLimits(int messagesPerSecond, String tier, Long messagingLimit, Duration pairInterval) {

    static NumberLimits from(Map<String, Object> health) {
        String perSecond = Json.text(health.get("messages_per_second"));
        if (perSecond == null) {
            throw new IllegalStateException("the number's health view has no messages_per_second");
        }
        String limit = Json.text(health.get("messaging_limit"));
        String interval = Json.text(Json.object(health.get("pair_rate_limit")).get("interval"));
        return new NumberLimits(Integer.parseInt(perSecond), Json.text(health.get("messaging_limit_tier")),
                limit == null ? null : Long.valueOf(limit), interval == null ? null : Duration.parse(interval));
    }
}
