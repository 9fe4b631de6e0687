package io.openwaba.numbers;

import static io.openwaba.numbers.NumberStatus.CONNECTED;
import static io.openwaba.numbers.NumberStatus.FLAGGED;
import static io.openwaba.numbers.NumberStatus.OFFLINE;
import static io.openwaba.numbers.NumberStatus.PENDING;
import static io.openwaba.numbers.NumberStatus.RESTRICTED;
import static io.openwaba.numbers.NumberStatus.UNVERIFIED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every move between two statuses, allowed or refused, and what each status lets a number do. */
class NumberStatusTest {

    /** The allowed moves, written out once more so that a change to the table is a decision, not an accident. */
    private static final Set<String> ALLOWED = Set.of(
            "UNVERIFIED>PENDING", "UNVERIFIED>OFFLINE",
            "PENDING>CONNECTED", "PENDING>OFFLINE",
            "CONNECTED>FLAGGED", "CONNECTED>RESTRICTED", "CONNECTED>OFFLINE",
            "FLAGGED>CONNECTED", "FLAGGED>RESTRICTED", "FLAGGED>OFFLINE",
            "RESTRICTED>CONNECTED", "RESTRICTED>FLAGGED", "RESTRICTED>OFFLINE",
            "OFFLINE>PENDING", "OFFLINE>OFFLINE");

    static Stream<Arguments> everyPair() {
        return Stream.of(NumberStatus.values())
                .flatMap(from -> Stream.of(NumberStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void aMoveIsAllowedExactlyWhenTheTableSaysSo(NumberStatus from, NumberStatus to) {
        boolean allowed = ALLOWED.contains(from + ">" + to);
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        if (allowed) {
            assertThat(from.moveTo(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.moveTo(to)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("a number cannot move from " + from + " to " + to);
        }
    }

    @Test
    void connectedFlaggedAndRestrictedNumbersWork() {
        assertThat(NumberStatus.WORKING).isEqualTo(EnumSet.of(CONNECTED, FLAGGED, RESTRICTED));
        for (var status : NumberStatus.values()) {
            assertThat(status.working()).as(status.name()).isEqualTo(NumberStatus.WORKING.contains(status));
        }
    }

    @Test
    void everyNumberButAnOfflineOneHoldsAPlaceInTheAllowance() {
        for (var status : EnumSet.of(UNVERIFIED, PENDING, CONNECTED, FLAGGED, RESTRICTED)) {
            assertThat(status.countsTowardAllowance()).as(status.name()).isTrue();
        }
        assertThat(OFFLINE.countsTowardAllowance()).isFalse();
    }

    @Test
    void aLiftedRestrictionReturnsToFlaggedOnlyIfTheNumberWasFlagged() {
        assertThat(NumberStatus.afterRestriction(true)).isEqualTo(FLAGGED);
        assertThat(NumberStatus.afterRestriction(false)).isEqualTo(CONNECTED);
    }

    @Test
    void theDatabaseAndTheGraphApiKeepMetasNames() {
        assertThat(Stream.of(NumberStatus.values()).map(Enum::name))
                .containsExactly("UNVERIFIED", "PENDING", "CONNECTED", "FLAGGED", "RESTRICTED", "OFFLINE");
        assertThat(Stream.of(QualityRating.values()).map(Enum::name)).containsExactly("GREEN", "YELLOW", "RED");
    }
}
