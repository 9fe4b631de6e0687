package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.numbers.ReportedHealth;
import java.time.Instant;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code business_capability_update}: the messaging limit Meta gives the WABA's numbers
 * ({@code max_daily_conversation_per_phone}, {@code -1} unlimited, or the portfolio's
 * {@code max_daily_conversations_per_business}) becomes each linked number's tier, and the update
 * goes to the business as Meta sent it.
 */
@OnCloud
@Component
class MetaCapabilityUpdate implements MetaChange {

    private final MetaWabaNumbers wabaNumbers;
    private final ReportedHealth health;

    MetaCapabilityUpdate(MetaWabaNumbers wabaNumbers, ReportedHealth health) {
        this.wabaNumbers = wabaNumbers;
        this.health = health;
    }

    @Override
    public String field() {
        return "business_capability_update";
    }

    @Override
    public void apply(String metaWabaId, JsonNode value, Instant at) {
        var numbers = wabaNumbers.of(metaWabaId);
        var limit = value.has("max_daily_conversation_per_phone") ? value.path("max_daily_conversation_per_phone")
                : value.path("max_daily_conversations_per_business");
        if (!limit.isMissingNode() && !limit.isNull()) {
            numbers.forEach(number -> health.tierReported(number.id(), limit.asString(),
                    "Meta's business_capability_update"));
        }
        wabaNumbers.forward(numbers, field(), value);
    }
}
