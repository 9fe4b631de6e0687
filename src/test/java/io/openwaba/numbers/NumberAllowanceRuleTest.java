package io.openwaba.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.shared.Decision;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How many numbers a WABA (meta-2025: a business) holds: 2 unverified, 25 verified (meta-2025: 20). */
class NumberAllowanceRuleTest {

    private final NumberAllowanceRule classic = new NumberAllowanceRule(PolicyProfile.CLASSIC);

    @Test
    void anUnverifiedBusinessHoldsTwoNumbersAndIsToldToVerify() {
        assertThat(classic.check("WABA 1", Map.of(NumberStatus.CONNECTED, 1), false).allowed()).isTrue();
        var refused = (Decision.Refused) classic.check("WABA 1", Map.of(NumberStatus.CONNECTED, 1,
                NumberStatus.PENDING, 1), false);
        assertThat(refused.rule()).isEqualTo(NumberAllowanceRule.RULE);
        assertThat(refused.reason()).isEqualTo("WABA 1 already has 2 phone numbers, the most an unverified business"
                + " may have (2); verify the business to add more");
        assertThat(refused.figures()).containsEntry("numbers", 2).containsEntry("numbers_allowed", 2);
        assertThat(refused.error()).isNull();
    }

    @Test
    void offlineNumbersDoNotCountButUnverifiedAndRestrictedOnesDo() {
        assertThat(classic.check("WABA 1", Map.of(NumberStatus.OFFLINE, 7, NumberStatus.FLAGGED, 1), false).allowed())
                .isTrue();
        assertThat(classic.check("WABA 1", Map.of(NumberStatus.UNVERIFIED, 1, NumberStatus.RESTRICTED, 1), false)
                .allowed()).isFalse();
    }

    @Test
    void aVerifiedBusinessHoldsTwentyFiveUnderClassicAndTwentyUnderMeta2025() {
        assertThat(classic.check("WABA 1", Map.of(NumberStatus.CONNECTED, 24), true).allowed()).isTrue();
        assertThat(classic.check("WABA 1", Map.of(NumberStatus.CONNECTED, 25), true).reason())
                .isEqualTo("WABA 1 already has 25 phone numbers, the most a verified business may have (25)");
        var meta = new NumberAllowanceRule(PolicyProfile.META_2025);
        assertThat(meta.check("business 9", Map.of(NumberStatus.CONNECTED, 19), true).allowed()).isTrue();
        assertThat(meta.check("business 9", Map.of(NumberStatus.CONNECTED, 20), true).allowed()).isFalse();
    }
}
