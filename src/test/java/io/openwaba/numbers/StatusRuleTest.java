package io.openwaba.numbers;

import static io.openwaba.numbers.NumberStatus.CONNECTED;
import static io.openwaba.numbers.NumberStatus.FLAGGED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where quality moves a working number's status: FLAGGED on RED, recovery within 7 days, or a tier drop. */
class StatusRuleTest {

    private static final Instant FLAGGED_AT = Instant.parse("2026-03-01T10:00:00Z");

    private final StatusRule status = new StatusRule(PolicyProfile.CLASSIC);

    @Test
    void aFlaggedNumberThatRecoversOnDaySixIsConnectedAgain() {
        var day6 = FLAGGED_AT.plus(Duration.ofDays(6));
        assertThat(status.next(FLAGGED, rating(QualityRating.YELLOW, true), FLAGGED_AT, day6))
                .isEqualTo(StatusRule.Move.UNFLAG);
        assertThat(status.next(FLAGGED, rating(QualityRating.RED, true), FLAGGED_AT, day6))
                .isEqualTo(StatusRule.Move.STAY);
    }

    @Test
    void aFlaggedNumberStillRedOnDaySevenDropsATier() {
        var justBefore = FLAGGED_AT.plus(Duration.ofDays(7)).minusMillis(1);
        var day7 = FLAGGED_AT.plus(Duration.ofDays(7));
        assertThat(status.next(FLAGGED, rating(QualityRating.RED, true), FLAGGED_AT, justBefore))
                .isEqualTo(StatusRule.Move.STAY);
        assertThat(status.next(FLAGGED, rating(QualityRating.RED, false), FLAGGED_AT, day7))
                .isEqualTo(StatusRule.Move.DROP_TIER);
        assertThat(status.next(FLAGGED, rating(QualityRating.GREEN, true), FLAGGED_AT, day7))
                .isEqualTo(StatusRule.Move.UNFLAG);
    }

    @Test
    void onlyAMeasuredRedFlagsAConnectedNumberAndMeta2025NeverFlags() {
        assertThat(status.next(CONNECTED, rating(QualityRating.RED, true), null, FLAGGED_AT))
                .isEqualTo(StatusRule.Move.FLAG);
        assertThat(status.next(CONNECTED, rating(QualityRating.RED, false), null, FLAGGED_AT))
                .isEqualTo(StatusRule.Move.STAY);
        assertThat(new StatusRule(PolicyProfile.META_2025).next(CONNECTED, rating(QualityRating.RED, true), null,
                FLAGGED_AT)).isEqualTo(StatusRule.Move.STAY);
    }

    @Test
    void everyMoveLeadsToAStatusTheStatusTableAllows() {
        assertThat(StatusRule.Move.FLAG.applyTo(CONNECTED)).isEqualTo(FLAGGED);
        assertThat(StatusRule.Move.UNFLAG.applyTo(FLAGGED)).isEqualTo(CONNECTED);
        assertThat(StatusRule.Move.DROP_TIER.applyTo(FLAGGED)).isEqualTo(CONNECTED);
        assertThat(StatusRule.Move.STAY.applyTo(NumberStatus.RESTRICTED)).isEqualTo(NumberStatus.RESTRICTED);
        assertThatThrownBy(() -> StatusRule.Move.FLAG.applyTo(NumberStatus.PENDING))
                .isInstanceOf(IllegalStateException.class);
    }

    private static QualityRatingRule.Rating rating(QualityRating value, boolean measured) {
        return new QualityRatingRule.Rating(value, measured, "", Map.of());
    }
}
