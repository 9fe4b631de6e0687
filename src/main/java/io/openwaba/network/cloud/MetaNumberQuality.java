package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.numbers.ReportedHealth;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code phone_number_quality_update}: FLAGGED and UNFLAGGED move the number's quality and status,
 * UPGRADE and DOWNGRADE its messaging limit ({@code current_limit}, or the portfolio's
 * {@code max_daily_conversations_per_business}); each is announced to the business by the change
 * it makes. Any other event (ONBOARDING, THROUGHPUT_UPGRADE) is kept in the history and forwarded.
 */
@OnCloud
@Component
class MetaNumberQuality implements MetaChange {

    private static final Logger log = LoggerFactory.getLogger(MetaNumberQuality.class);

    private final MetaWabaNumbers wabaNumbers;
    private final ReportedHealth health;

    MetaNumberQuality(MetaWabaNumbers wabaNumbers, ReportedHealth health) {
        this.wabaNumbers = wabaNumbers;
        this.health = health;
    }

    @Override
    public String field() {
        return "phone_number_quality_update";
    }

    @Override
    public void apply(String metaWabaId, JsonNode value, Instant at) {
        var display = value.path("display_phone_number").asString("");
        var number = wabaNumbers.of(metaWabaId, display).orElse(null);
        if (number == null) {
            log.info("Meta's quality update names {} in WABA {}, which no linked openwaba number has", display, metaWabaId);
            return;
        }
        var event = value.path("event").asString("");
        var limit = value.has("current_limit") ? value.path("current_limit").asString("")
                : value.path("max_daily_conversations_per_business").asString("");
        var reason = "Meta's phone_number_quality_update: " + event;
        switch (event) {
            case "FLAGGED", "UNFLAGGED" -> health.qualityReported(number.id(), event.equals("FLAGGED"), reason);
            case "UPGRADE", "DOWNGRADE" -> {
                if (!health.tierReported(number.id(), limit, reason)) {
                    log.info("Meta set number {} to messaging limit {}, which the policy profile has no tier for;"
                            + " forwarded as Meta sent it", number.id(), limit);
                    wabaNumbers.forward(List.of(number), field(), value);
                }
            }
            default -> {
                health.noted(number.id(), event, reason, java.util.Map.of("limit", limit));
                wabaNumbers.forward(List.of(number), field(), value);
            }
        }
    }
}
