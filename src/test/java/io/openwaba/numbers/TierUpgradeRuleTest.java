package io.openwaba.numbers;

import static io.openwaba.numbers.NumberStatus.CONNECTED;
import static io.openwaba.numbers.NumberStatus.FLAGGED;
import static io.openwaba.numbers.NumberStatus.RESTRICTED;
import static io.openwaba.numbers.QualityRating.GREEN;
import static io.openwaba.numbers.QualityRating.RED;
import static io.openwaba.numbers.QualityRating.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.shared.Decision;
import org.junit.jupiter.api.Test;

/** The tier upgrade: twice the limit under classic, half of it with GREEN under meta-2025, CONNECTED only. */
class TierUpgradeRuleTest {

    private final TierUpgradeRule classic = new TierUpgradeRule(PolicyProfile.CLASSIC);
    private final TierUpgradeRule meta = new TierUpgradeRule(PolicyProfile.META_2025);

    @Test
    void aTierUpgradesExactlyAtTwiceItsLimitAndNotOneCustomerLess() {
        assertThat(classic.check(0, 100, GREEN, CONNECTED).allowed()).isTrue();
        assertThat(classic.check(0, 99, GREEN, CONNECTED).allowed()).isFalse();
        assertThat(classic.check(1, 2_000, YELLOW, CONNECTED).allowed()).isTrue();
        assertThat(classic.check(1, 1_999, YELLOW, CONNECTED).reason())
                .isEqualTo("1999 unique customers in 7 days, 2000 needed for the next tier");
    }

    @Test
    void noUpgradeWhileRedOrNotConnectedNorBeyondTheTopTier() {
        assertThat(classic.check(0, 10_000, RED, CONNECTED).allowed()).isFalse();
        assertThat(classic.check(0, 10_000, GREEN, FLAGGED).allowed()).isFalse();
        assertThat(classic.check(0, 10_000, GREEN, RESTRICTED).allowed()).isFalse();
        assertThat(classic.check(4, 10_000_000, GREEN, CONNECTED).allowed()).isFalse();
    }

    @Test
    void meta2025UpgradesAtHalfTheLimitWithGreenQualityOnly() {
        assertThat(meta.check(0, 125, GREEN, CONNECTED).allowed()).isTrue();
        assertThat(meta.check(0, 124, GREEN, CONNECTED).allowed()).isFalse();
        assertThat(meta.check(0, 250, YELLOW, CONNECTED).allowed()).isFalse();
        assertThat(PolicyProfile.META_2025.tier(1)).isEqualTo(new Tier("TIER_2K", 2_000));
    }

    @Test
    void aRefusalNamesTheRuleAndNoClientErrorAndAnUpgradeCarriesItsFigures() {
        var refused = (Decision.Refused) classic.check(0, 10_000, GREEN, FLAGGED);
        assertThat(refused.rule()).isEqualTo(TierUpgradeRule.RULE);
        assertThat(refused.reason()).isEqualTo("status is FLAGGED, not CONNECTED");
        assertThat(refused.error()).isNull();
        assertThat(((Decision.Refused) classic.check(4, 0, GREEN, CONNECTED)).reason())
                .isEqualTo("TIER_UNLIMITED is the highest tier");
        assertThat(((Decision.Refused) classic.check(0, 500, RED, CONNECTED)).reason()).isEqualTo("quality is RED");

        var upgrade = classic.check(0, 100, YELLOW, CONNECTED);
        assertThat(upgrade.reason())
                .isEqualTo("100 unique customers in 7 days (at least 100 = 2.0 x 50), quality YELLOW, CONNECTED");
        assertThat(upgrade.figures()).containsEntry("customers_reached_7d", 100L).containsEntry("limit", 50L)
                .containsEntry("upgrade_at", 2.0).containsEntry("quality_rating", "YELLOW");
    }
}
