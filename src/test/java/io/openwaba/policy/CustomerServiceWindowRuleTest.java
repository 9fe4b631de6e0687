package io.openwaba.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.messaging.policy.CustomerServiceWindowRule;
import io.openwaba.shared.Decision;
import io.openwaba.messaging.policy.SendFacts;
import io.openwaba.messaging.policy.SendPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CustomerServiceWindowRuleTest {

    private static final Instant LAST_INBOUND = Instant.parse("2026-11-25T10:00:00Z");
    private final CustomerServiceWindowRule rule = new CustomerServiceWindowRule(Duration.ofHours(24));

    @ParameterizedTest(name = "{0} after the customer wrote, a free-form message is allowed: {1}")
    @CsvSource({"PT0S, true", "PT1H, true", "PT23H59M59.999S, true", "PT24H, false", "PT24H0.001S, false",
            "P7D, false"})
    void freeFormMessagesGoOnlyWithinTheWindow(Duration elapsed, boolean allowed) {
        var decision = rule.check(new SendFacts(false, Optional.of(LAST_INBOUND)), LAST_INBOUND.plus(elapsed));
        assertThat(decision instanceof Decision.Allowed).isEqualTo(allowed);
    }

    @ParameterizedTest(name = "templates go {0} after the last inbound")
    @CsvSource({"PT1H", "PT25H", "P30D"})
    void templatesAlwaysGo(Duration elapsed) {
        var decision = rule.check(new SendFacts(true, Optional.of(LAST_INBOUND)), LAST_INBOUND.plus(elapsed));
        assertThat(decision).isInstanceOf(Decision.Allowed.class);
    }

    @org.junit.jupiter.api.Test
    void aCustomerWhoNeverWroteGetsNoFreeFormMessageAndTheRefusalSaysWhy() {
        var decision = SendPolicy.standard(Duration.ofHours(24))
                .check(new SendFacts(false, Optional.empty()), LAST_INBOUND);
        assertThat(decision).isInstanceOf(Decision.Refused.class);
        var refused = (Decision.Refused) decision;
        assertThat(refused.rule()).isEqualTo("customer-service-window");
        assertThat(refused.reason()).contains("never written");
    }
}
