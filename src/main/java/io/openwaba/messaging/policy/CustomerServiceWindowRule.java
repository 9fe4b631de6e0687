package io.openwaba.messaging.policy;

import io.openwaba.shared.Decision;
import io.openwaba.shared.MetaError;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;

/**
 * The customer service window: a free-form message may go out only within {@code window} (24
 * hours) of the customer's latest message; templates may always go. Refused with 131047.
 */
public record CustomerServiceWindowRule(Duration window) implements SendRule {

    public static final String NAME = "customer-service-window";

    @Override
    public Decision check(SendFacts facts, Instant now) {
        if (facts.template()) {
            return Decision.allow();
        }
        var last = facts.lastInboundAt();
        if (last.isPresent() && now.isBefore(last.get().plus(window))) {
            return Decision.allow();
        }
        var reason = last.map(at -> "the customer last wrote at " + at + ", more than " + window.toHours()
                        + " hours ago; only a template may be sent now")
                .orElse("the customer has never written to this number; only a template may be sent");
        var figures = new LinkedHashMap<String, Object>();
        figures.put("window_hours", window.toHours());
        last.ifPresent(at -> {
            figures.put("last_inbound_at", at.toString());
            figures.put("window_closed_at", at.plus(window).toString());
        });
        return Decision.refuse(NAME, reason, figures, MetaError.whatsapp(131047, "Re-engagement message",
                "Message failed to send because the customer service window is closed: " + reason + "."));
    }
}
