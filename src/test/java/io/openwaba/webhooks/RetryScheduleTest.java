package io.openwaba.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Instant IN_A_WEEK = NOW.plus(Duration.ofDays(7));
    private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(10), Duration.ofHours(1),
            Duration.ofDays(7), 0);

    @Test
    void doublesTheDelayAfterEachFailedAttempt() {
        assertThat(schedule.next(0, null, NOW, IN_A_WEEK)).contains(NOW.plusSeconds(10));
        assertThat(schedule.next(1, null, NOW, IN_A_WEEK)).contains(NOW.plusSeconds(20));
        assertThat(schedule.next(3, null, NOW, IN_A_WEEK)).contains(NOW.plusSeconds(80));
    }

    @Test
    void capsTheDelayAtTheMaximumEvenAfterManyAttempts() {
        assertThat(schedule.delay(9, null)).isEqualTo(Duration.ofHours(1));
        assertThat(schedule.delay(500, null)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void waitsForALongerRetryAfterButNoLongerThanTheRetryPeriod() {
        assertThat(schedule.delay(0, Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.delay(0, Duration.ofSeconds(1))).as("a shorter Retry-After changes nothing")
                .isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.delay(0, Duration.ofDays(30))).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void triesOnceMoreAtTheEndOfTheRetryPeriodThenGivesUp() {
        var expiresAt = NOW.plusSeconds(30);

        assertThat(schedule.next(5, null, NOW, expiresAt)).contains(expiresAt);
        assertThat(schedule.next(5, null, expiresAt, expiresAt)).isEmpty();
        assertThat(schedule.next(0, null, expiresAt.plusSeconds(1), expiresAt)).isEmpty();
    }

    @Test
    void jitterSpreadsTheDelayWithinItsShare() {
        var jittery = new RetrySchedule(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofDays(7), 0.2);

        for (int i = 0; i < 200; i++) {
            assertThat(jittery.delay(0, null)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(12));
        }
    }
}
