package io.openwaba.network.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.network.cloud.MetaErrorRule.Outcome;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetaErrorRuleTest {

    @Test
    void throttlingAndMetasOwnTroubleAreRetried() {
        assertThat(MetaErrorRule.classify(400, 130429)).isEqualTo(Outcome.RETRY);
        assertThat(MetaErrorRule.classify(400, 131057)).isEqualTo(Outcome.RETRY);
        assertThat(MetaErrorRule.classify(400, 80007)).isEqualTo(Outcome.RETRY);
        assertThat(MetaErrorRule.classify(429, null)).isEqualTo(Outcome.RETRY);
        assertThat(MetaErrorRule.classify(503, null)).isEqualTo(Outcome.RETRY);
        assertThat(MetaErrorRule.classify(500, 2)).isEqualTo(Outcome.RETRY);
    }

    @Test
    void thePairRateDelaysTheRecipientOnly() {
        assertThat(MetaErrorRule.classify(400, 131056)).isEqualTo(Outcome.DELAY_RECIPIENT);
    }

    @Test
    void aRefusedTokenBreaksTheLink() {
        assertThat(MetaErrorRule.classify(401, 190)).isEqualTo(Outcome.BROKEN_LINK);
        assertThat(MetaErrorRule.classify(403, 200)).isEqualTo(Outcome.BROKEN_LINK);
    }

    @Test
    void rulesMetaEnforcesAreFinal() {
        for (int code : new int[] {131047, 131026, 131048, 131049, 132000, 132001, 133010, 100}) {
            assertThat(MetaErrorRule.classify(400, code)).as("code %d", code).isEqualTo(Outcome.FINAL);
        }
        assertThat(MetaErrorRule.classify(400, null)).isEqualTo(Outcome.FINAL);
    }

    @Test
    void backoffHonoursRetryAfterElseDoublesWithJitterUpToFiveMinutes() {
        assertThat(MetaErrorRule.backoff(1, Optional.of(Duration.ofSeconds(2)))).isEqualTo(Duration.ofSeconds(2));
        for (int i = 0; i < 50; i++) {
            assertThat(MetaErrorRule.backoff(1, Optional.empty())).isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
            assertThat(MetaErrorRule.backoff(3, Optional.empty())).isBetween(Duration.ofMillis(3200), Duration.ofMillis(4800));
            assertThat(MetaErrorRule.backoff(30, Optional.empty())).isBetween(Duration.ofMinutes(4), Duration.ofMinutes(6));
        }
    }
}
