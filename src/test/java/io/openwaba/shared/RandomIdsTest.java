package io.openwaba.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import org.junit.jupiter.api.Test;

class RandomIdsTest {

    @Test
    void timeOrderedIdsSortInTheOrderTheyWereMadeAcrossMilliseconds() throws InterruptedException {
        var first = RandomIds.timeOrdered("evt_", 24);
        Thread.sleep(3);
        var second = RandomIds.timeOrdered("evt_", 24);

        assertThat(first).startsWith("evt_").hasSize(28);
        assertThat(second.compareTo(first)).isPositive();
        assertThat(second.toLowerCase().compareTo(first.toLowerCase()))
                .as("the time part sorts the same way case-insensitively, as in PostgreSQL's usual collations")
                .isPositive();
    }

    @Test
    void timeOrderedIdsMadeInTheSameMillisecondAreStillUnique() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(RandomIds.timeOrdered("wamid.HBgL", 44));
        }
        assertThat(seen).hasSize(10_000);
    }
}
