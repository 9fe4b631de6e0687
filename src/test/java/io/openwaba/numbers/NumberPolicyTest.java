package io.openwaba.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** POLICY.md section 1's rules as plain Java, on fixed instants. */
class NumberPolicyTest {

    private static final Instant FLAGGED_AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final NumberSettings.Quality QUALITY = new NumberSettings.Quality(Duration.ofDays(7), 10, 0.02, 0.05,
            4.0, Duration.ofHours(24), 0.5);

    private final TierUpgrade classic = new TierUpgrade(PolicyProfile.CLASSIC);
    private final TierUpgrade meta = new TierUpgrade(PolicyProfile.META_2025);
    private final StatusRule status = new StatusRule(PolicyProfile.CLASSIC);

    @Test
    void aTierUpgradesExactlyAtTwiceItsLimitAndNotOneCustomerLess() {
        assertThat(classic.check(0, 100, "GREEN", "CONNECTED").upgrade()).isTrue();
        assertThat(classic.check(0, 99, "GREEN", "CONNECTED").upgrade()).isFalse();
        assertThat(classic.check(1, 2_000, "YELLOW", "CONNECTED").upgrade()).isTrue();
        assertThat(classic.check(1, 1_999, "YELLOW", "CONNECTED").reason())
                .isEqualTo("1999 unique customers in 7 days, 2000 needed for the next tier");
    }

    @Test
    void noUpgradeWhileRedOrNotConnectedNorBeyondTheTopTier() {
        assertThat(classic.check(0, 10_000, "RED", "CONNECTED").upgrade()).isFalse();
        assertThat(classic.check(0, 10_000, "GREEN", "FLAGGED").upgrade()).isFalse();
        assertThat(classic.check(0, 10_000, "GREEN", "RESTRICTED").upgrade()).isFalse();
        assertThat(classic.check(4, 10_000_000, "GREEN", "CONNECTED").upgrade()).isFalse();
    }

    @Test
    void meta2025UpgradesAtHalfTheLimitWithGreenQualityOnly() {
        assertThat(meta.check(0, 125, "GREEN", "CONNECTED").upgrade()).isTrue();
        assertThat(meta.check(0, 124, "GREEN", "CONNECTED").upgrade()).isFalse();
        assertThat(meta.check(0, 250, "YELLOW", "CONNECTED").upgrade()).isFalse();
        assertThat(PolicyProfile.META_2025.tier(1)).isEqualTo(new Tier("TIER_2K", 2_000));
    }

    @Test
    void aFlaggedNumberThatRecoversOnDaySixIsConnectedAgain() {
        var day6 = FLAGGED_AT.plus(Duration.ofDays(6));
        assertThat(status.next("FLAGGED", rating("YELLOW", true), FLAGGED_AT, day6)).isEqualTo(StatusRule.Move.UNFLAG);
        assertThat(status.next("FLAGGED", rating("RED", true), FLAGGED_AT, day6)).isEqualTo(StatusRule.Move.STAY);
    }

    @Test
    void aFlaggedNumberStillRedOnDaySevenDropsATier() {
        var justBefore = FLAGGED_AT.plus(Duration.ofDays(7)).minusMillis(1);
        var day7 = FLAGGED_AT.plus(Duration.ofDays(7));
        assertThat(status.next("FLAGGED", rating("RED", true), FLAGGED_AT, justBefore)).isEqualTo(StatusRule.Move.STAY);
        assertThat(status.next("FLAGGED", rating("RED", false), FLAGGED_AT, day7)).isEqualTo(StatusRule.Move.DROP_TIER);
        assertThat(status.next("FLAGGED", rating("GREEN", true), FLAGGED_AT, day7)).isEqualTo(StatusRule.Move.UNFLAG);
    }

    @Test
    void onlyAMeasuredRedFlagsAConnectedNumberAndMeta2025NeverFlags() {
        assertThat(status.next("CONNECTED", rating("RED", true), null, FLAGGED_AT)).isEqualTo(StatusRule.Move.FLAG);
        assertThat(status.next("CONNECTED", rating("RED", false), null, FLAGGED_AT)).isEqualTo(StatusRule.Move.STAY);
        assertThat(new StatusRule(PolicyProfile.META_2025).next("CONNECTED", rating("RED", true), null, FLAGGED_AT))
                .isEqualTo(StatusRule.Move.STAY);
    }

    @Test
    void qualityComesFromBlocksFrequencyAndUnansweredCustomers() {
        var rule = new QualityRating(QUALITY);
        assertThat(rule.rate(new QualitySignals(100, 4, 1, 100, 0, 0), "GREEN").value()).isEqualTo("RED");
        assertThat(rule.rate(new QualitySignals(100, 4, 0, 100, 0, 0), "GREEN").value()).isEqualTo("YELLOW");
        assertThat(rule.rate(new QualitySignals(100, 1, 0, 100, 0, 0), "GREEN").value()).isEqualTo("GREEN");
        assertThat(rule.rate(new QualitySignals(100, 0, 0, 401, 0, 0), "GREEN").value()).isEqualTo("YELLOW");
        assertThat(rule.rate(new QualitySignals(0, 0, 0, 0, 20, 11), "GREEN").value()).isEqualTo("YELLOW");
        assertThat(rule.rate(new QualitySignals(0, 0, 0, 0, 20, 10), "YELLOW").value()).isEqualTo("GREEN");
        var tooFew = rule.rate(new QualitySignals(9, 9, 0, 9, 9, 9), "RED");
        assertThat(tooFew.value()).isEqualTo("RED");
        assertThat(tooFew.measured()).isFalse();
        assertThat(rule.rate(new QualitySignals(100, 4, 1, 100, 0, 0), "GREEN").figures())
                .containsEntry("block_rate", 0.05).containsEntry("customers_reached", 100);
    }

    @Test
    void everyFigureOfAProfileCanBeReplacedByAProperty() {
        var custom = new PolicySettings("classic", java.util.List.of(10L, 20L, 30L, 40L, -1L), 3.0, null, null, null,
                Duration.ofDays(3), null, null).resolve();
        assertThat(custom.tier(0)).isEqualTo(new Tier("TIER_50", 10));
        assertThat(custom.upgradeAt()).isEqualTo(3.0);
        assertThat(custom.flaggedFor()).isEqualTo(Duration.ofDays(3));
        assertThat(new PolicySettings("meta-2025", null, null, null, null, null, null, null, null).resolve())
                .isEqualTo(PolicyProfile.META_2025);
    }

    private static QualityRating.Rating rating(String value, boolean measured) {
        return new QualityRating.Rating(value, measured, "", java.util.Map.of());
    }
}
