package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.numbers.ReportedHealth;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@code account_update} (ACCOUNT_RESTRICTION, ACCOUNT_VIOLATION, DISABLED_UPDATE …): kept in the
 * history of the number it names (or of every linked number of the Meta WABA) and forwarded to
 * the business as Meta sent it. Meta's own restriction is enforced by Meta, which refuses the sends.
 */
@OnCloud
@Component
class MetaAccountUpdate implements MetaChange {

    private final MetaWabaNumbers wabaNumbers;
    private final ReportedHealth health;

    MetaAccountUpdate(MetaWabaNumbers wabaNumbers, ReportedHealth health) {
        this.wabaNumbers = wabaNumbers;
        this.health = health;
    }

    @Override
    public String field() {
        return "account_update";
    }

    @Override
    public void apply(String metaWabaId, JsonNode value, Instant at) {
        var phone = value.path("phone_number").asString("");
        var concerned = phone.isEmpty() ? wabaNumbers.of(metaWabaId)
                : wabaNumbers.of(metaWabaId, phone).map(List::of).orElse(List.of());
        var event = value.path("event").asString("");
        for (var number : concerned) {
            health.noted(number.id(), event, "Meta's account_update: " + event,
                    Map.of("meta", value.toString()));
        }
        wabaNumbers.forward(concerned, field(), value);
    }
}
