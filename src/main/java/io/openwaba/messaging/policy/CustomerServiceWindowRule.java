package io.openwaba.messaging.policy;

import java.time.Duration;
import java.time.Instant;

/**
 * POLICY.md section 2: a free-form message may go out only within {@code window} of the
 * customer's latest message; templates may always go.
 */
public record CustomerServiceWindowRule(Duration window) implements SendRule {

    public static final String NAME = "customer-service-window";

    @Override
    public Decision check(SendFacts facts, Instant now) {
        if (facts.template()) {
            return Decision.allow();
        }
        return facts.lastInboundAt()
                .filter(last -> now.isBefore(last.plus(window)))
                .map(last -> Decision.allow())
                .orElseGet(() -> Decision.refuse(NAME, facts.lastInboundAt()
                        .map(last -> "the customer last wrote at " + last + ", more than " + window.toHours()
                                + " hours ago; only a template may be sent now")
                        .orElse("the customer has never written to this number; only a template may be sent")));
    }
}
