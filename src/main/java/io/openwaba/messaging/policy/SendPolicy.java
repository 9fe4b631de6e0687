package io.openwaba.messaging.policy;

import java.time.Duration;
import io.openwaba.shared.Decision;
import java.time.Instant;
import java.util.List;

/** The rules every outbound message passes, in order; the first refusal wins. */
public final class SendPolicy {

    private final List<SendRule> rules;

    public SendPolicy(List<SendRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static SendPolicy standard(Duration customerServiceWindow) {
        return new SendPolicy(List.of(new CustomerServiceWindowRule(customerServiceWindow)));
    }

    public Decision check(SendFacts facts, Instant now) {
        for (SendRule rule : rules) {
            var decision = rule.check(facts, now);
            if (decision instanceof Decision.Refused) {
                return decision;
            }
        }
        return Decision.allow();
    }
}
