package io.openwaba.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Every lifecycle transition with fixed instants, the 7-day boundary on both sides included. */
class TemplateLifecycleTest {

    private static final Instant FLAGGED_AT = Instant.parse("2026-11-01T10:00:00Z");
    private static final Instant SEVEN_DAYS_LATER = FLAGGED_AT.plus(Duration.ofDays(7));
    private final TemplateLifecycle lifecycle = TemplateLifecycle.STANDARD;

    @Test
    void anApprovedTemplateTurningRedIsFlagged() {
        assertThat(lifecycle.next("APPROVED", "RED", null, FLAGGED_AT)).isEqualTo(new TemplateLifecycle.Move("FLAGGED", "FLAGGED"));
    }

    @Test
    void anApprovedTemplateThatIsYellowGreenOrUnknownStays() {
        for (var score : new String[] {"YELLOW", "GREEN", "UNKNOWN"}) {
            assertThat(lifecycle.next("APPROVED", score, null, FLAGGED_AT)).as(score).isEqualTo(TemplateLifecycle.STAY);
        }
    }

    @Test
    void aFlaggedTemplateStillRedOneMillisecondBeforeSevenDaysStaysFlagged() {
        assertThat(lifecycle.next("FLAGGED", "RED", FLAGGED_AT, SEVEN_DAYS_LATER.minusMillis(1)))
                .isEqualTo(TemplateLifecycle.STAY);
    }

    @Test
    void aFlaggedTemplateStillRedAtSevenDaysIsDisabled() {
        assertThat(lifecycle.next("FLAGGED", "RED", FLAGGED_AT, SEVEN_DAYS_LATER))
                .isEqualTo(new TemplateLifecycle.Move("DISABLED", "DISABLED"));
        assertThat(lifecycle.next("FLAGGED", "RED", FLAGGED_AT, SEVEN_DAYS_LATER.plusSeconds(1)).to()).isEqualTo("DISABLED");
    }

    @Test
    void aFlaggedTemplateThatRecoversIsReinstatedEvenOnTheLastDay() {
        assertThat(lifecycle.next("FLAGGED", "YELLOW", FLAGGED_AT, FLAGGED_AT.plusSeconds(60)))
                .isEqualTo(new TemplateLifecycle.Move("APPROVED", "REINSTATED"));
        assertThat(lifecycle.next("FLAGGED", "GREEN", FLAGGED_AT, SEVEN_DAYS_LATER.minusMillis(1)).to()).isEqualTo("APPROVED");
    }

    @Test
    void qualityScoresFollowBlocksReportsAndEngagement() {
        var rule = QualityRule.STANDARD;
        assertThat(rule.score(new TemplateSignals.Signals(9, 0, 0, 9, 0), "UNKNOWN")).as("too few to judge").isEqualTo("UNKNOWN");
        assertThat(rule.score(new TemplateSignals.Signals(100, 80, 5, 1, 0), "UNKNOWN")).isEqualTo("GREEN");
        assertThat(rule.score(new TemplateSignals.Signals(100, 80, 5, 2, 0), "GREEN")).as("2 % blocks").isEqualTo("YELLOW");
        assertThat(rule.score(new TemplateSignals.Signals(100, 80, 5, 1, 2), "GREEN")).as("1 block + 2 reports = 5 %")
                .isEqualTo("RED");
        assertThat(rule.score(new TemplateSignals.Signals(100, 10, 0, 0, 0), "GREEN")).as("ignored").isEqualTo("YELLOW");
        assertThat(rule.score(new TemplateSignals.Signals(100, 10, 3, 0, 0), "GREEN")).as("few reads but answers")
                .isEqualTo("GREEN");
    }
}
