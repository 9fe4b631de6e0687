package io.openwaba.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every move of an official business account request, allowed or refused. */
class OfficialStatusTest {

    /** The allowed moves, written out once more so that a change to the table is a decision, not an accident. */
    private static final Set<String> ALLOWED = Set.of(
            "NONE>PENDING", "NONE>NONE",
            "PENDING>APPROVED", "PENDING>REFUSED", "PENDING>NONE",
            "APPROVED>NONE",
            "REFUSED>PENDING", "REFUSED>NONE");

    static Stream<Arguments> everyPair() {
        return Stream.of(OfficialStatus.values())
                .flatMap(from -> Stream.of(OfficialStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPair")
    void aMoveIsAllowedExactlyWhenTheTableSaysSo(OfficialStatus from, OfficialStatus to) {
        boolean allowed = ALLOWED.contains(from + ">" + to);
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
        if (allowed) {
            assertThat(from.moveTo(to)).isEqualTo(to);
        } else {
            assertThatThrownBy(() -> from.moveTo(to)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("an official business account request cannot move from " + from + " to " + to);
        }
    }

    @Test
    void theDatabaseAndTheApisKeepTheirNames() {
        assertThat(Stream.of(OfficialStatus.values()).map(Enum::name))
                .containsExactly("NONE", "PENDING", "APPROVED", "REFUSED");
        assertThat(Stream.of(CodeVerificationStatus.values()).map(Enum::name))
                .containsExactly("NOT_VERIFIED", "VERIFIED", "EXPIRED");
    }
}
