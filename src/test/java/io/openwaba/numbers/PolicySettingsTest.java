package io.openwaba.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy profiles' figures and the properties that replace them. */
class PolicySettingsTest {

    @Test
    void everyFigureOfAProfileCanBeReplacedByAProperty() {
        var custom = new PolicySettings("classic", List.of(10L, 20L, 30L, 40L, -1L), 3.0, null, null, null,
                Duration.ofDays(3), null, null).resolve();
        assertThat(custom.tier(0)).isEqualTo(new Tier("TIER_50", 10));
        assertThat(custom.upgradeAt()).isEqualTo(3.0);
        assertThat(custom.flaggedFor()).isEqualTo(Duration.ofDays(3));
        assertThat(new PolicySettings("meta-2025", null, null, null, null, null, null, null, null).resolve())
                .isEqualTo(PolicyProfile.META_2025);
    }
}
