package io.openwaba.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Who holds a messaging limit: each number under classic, its business under meta-2025. */
class LimitHolderRuleTest {

    private static final PhoneNumber NUMBER = new PhoneNumber("17", "w", "42",
            WaId.parse("+4917612345678", null).orElseThrow(), "+49 176 12345678", "Shop", NumberStatus.CONNECTED,
            "TIER_1K", QualityRating.GREEN, Instant.parse("2026-12-01T12:00:00Z"), CodeVerificationStatus.VERIFIED, null,
            null, 80, OfficialStatus.NONE, null, null);

    @Test
    void underClassicEachNumberHoldsItsOwnLimit() {
        var rule = new LimitHolderRule(PolicyProfile.CLASSIC);
        assertThat(rule.holderOf(NUMBER)).isEqualTo("17");
        assertThat(rule.describe("17")).isEqualTo("phone number 17");
    }

    @Test
    void underMeta2025TheBusinessHoldsOneLimitForAllItsNumbers() {
        var rule = new LimitHolderRule(PolicyProfile.META_2025);
        assertThat(rule.holderOf(NUMBER)).isEqualTo("42");
        assertThat(rule.describe("42")).isEqualTo("business 42");
    }
}
