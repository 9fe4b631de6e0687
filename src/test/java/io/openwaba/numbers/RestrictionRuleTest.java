package io.openwaba.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RESTRICTED: a limit refusal while RED restricts (classic only); capacity for one more customer lifts it. */
class RestrictionRuleTest {

    private static final Tier TIER_50 = new Tier("TIER_50", 50);

    @ParameterizedTest(name = "{0} {1} under {2}: restricted {3}")
    @CsvSource({"CONNECTED, RED, classic, true", "FLAGGED, RED, classic, true", "CONNECTED, YELLOW, classic, false",
            "RESTRICTED, RED, classic, false", "PENDING, RED, classic, false", "CONNECTED, RED, meta-2025, false"})
    void aRefusalByTheLimitRestrictsARedNumber(NumberStatus status, QualityRating quality, String profile,
                                               boolean restricts) {
        var rule = new RestrictionRule(profile.equals("classic") ? PolicyProfile.CLASSIC : PolicyProfile.META_2025);
        assertThat(rule.restricts(number(status, quality))).isEqualTo(restricts);
    }

    @ParameterizedTest(name = "{0} with {1} of 50 used: lifted {2}")
    @CsvSource({"RESTRICTED, 49, true", "RESTRICTED, 50, false", "CONNECTED, 0, false"})
    void aRestrictionLiftsOnceTheTierAdmitsOneMoreCustomer(NumberStatus status, long used, boolean lifts) {
        var rule = new RestrictionRule(PolicyProfile.CLASSIC);
        assertThat(rule.lifts(number(status, QualityRating.RED), TIER_50, used)).isEqualTo(lifts);
    }

    private static PhoneNumber number(NumberStatus status, QualityRating quality) {
        return new PhoneNumber("1", "w", "b", WaId.parse("+4917612345678", null).orElseThrow(), "+49 176 12345678",
                "Shop", status, "TIER_50", quality, Instant.parse("2026-12-01T12:00:00Z"), CodeVerificationStatus.VERIFIED,
                null, null, 80, OfficialStatus.NONE, null, null);
    }
}
