package io.openwaba.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.shared.Decision;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The send rules of a number, as plain values: status, pair rate, throughput and the messaging limit. */
class NumberSendRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Tier TIER_1K = new Tier("TIER_1K", 1_000);

    @ParameterizedTest(name = "a {0} number sends: {1}")
    @CsvSource({"CONNECTED, true", "FLAGGED, true", "RESTRICTED, true", "PENDING, false", "OFFLINE, false",
            "UNVERIFIED, false"})
    void onlyAWorkingNumberSends(String status, boolean sends) {
        var decision = NumberSendRules.status(number(status));
        assertThat(decision.allowed()).isEqualTo(sends);
        if (!sends) {
            var refused = (Decision.Refused) decision;
            assertThat(refused.code()).isEqualTo(133010);
            assertThat(refused.figures()).containsEntry("status", status);
        }
    }

    @ParameterizedTest(name = "{0} sent this second, {1} wanted, {2}/s: {3} granted")
    @CsvSource({"0, 5, 80, 5", "78, 5, 80, 2", "80, 1, 80, 0", "90, 3, 80, 0", "0, 100, 80, 80"})
    void throughputGrantsWhatFitsInTheSecond(int sent, int wanted, int perSecond, int granted) {
        assertThat(NumberSendRules.throughputGrant(sent, wanted, perSecond)).isEqualTo(granted);
    }

    @Test
    void aThroughputRefusalCarriesTheRate() {
        var refused = NumberSendRules.throughput(80);
        assertThat(refused.code()).isEqualTo(130429);
        assertThat(refused.figures()).containsEntry("messages_per_second", 80);
    }

    @ParameterizedTest(name = "{0} reached, counted before: {1}, {2}: allowed {3}")
    @CsvSource({"999, false, CONNECTED, true", "1000, false, CONNECTED, false", "1000, true, CONNECTED, true",
            "0, false, RESTRICTED, false", "0, true, RESTRICTED, false", "1000, true, FLAGGED, true"})
    void theMessagingLimitCountsNewCustomersOnly(long used, boolean counted, NumberStatus status, boolean allowed) {
        var frees = NOW.plus(Duration.ofHours(3));
        var decision = NumberSendRules.messagingLimit(TIER_1K, used, counted, status, () -> frees);
        assertThat(decision.allowed()).isEqualTo(allowed);
        if (!allowed) {
            var refused = (Decision.Refused) decision;
            assertThat(refused.code()).isEqualTo(131048);
            assertThat(refused.figures()).containsEntry("customers_reached_24h", used)
                    .containsEntry("capacity_frees_at", frees.toString());
            assertThat(refused.reason()).contains("TIER_1K").contains(frees.toString());
        }
    }

    @Test
    void anUnlimitedTierNeverRefusesAndAskedNothingAboutCapacity() {
        var unlimited = new Tier("TIER_UNLIMITED", -1);
        var decision = NumberSendRules.messagingLimit(unlimited, 5_000_000, false, NumberStatus.CONNECTED, () -> {
            throw new AssertionError("capacity asked for an allowed send");
        });
        assertThat(decision.allowed()).isTrue();
    }

    @ParameterizedTest(name = "headroom {0}, restricted {1}: allowed {2}")
    @CsvSource({"1, false, true", "0, false, false", "5, true, false"})
    void theCheckBeforeSendingRefusesWithoutHeadroomOrWhileRestricted(long headroom, boolean restricted,
                                                                      boolean allowed) {
        var frees = NOW.plus(Duration.ofHours(3));
        var standing = new LimitStanding(TIER_1K, 1_000, java.util.Set.of(), frees, restricted, 80);
        var decision = NumberSendRules.messagingLimitBeforeSending(standing, headroom);
        assertThat(decision.allowed()).isEqualTo(allowed);
        if (!allowed) {
            var refused = (Decision.Refused) decision;
            assertThat(refused.code()).isEqualTo(131048);
            assertThat(refused.rule()).isEqualTo(NumberSendRules.MESSAGING_LIMIT);
            assertThat(refused.figures()).containsEntry("customers_reached_24h", 1_000)
                    .containsEntry("capacity_frees_at", frees.toString());
            assertThat(refused.reason()).startsWith(restricted ? "The number is RESTRICTED" : "Messaging limit TIER_1K");
        }
    }

    @Test
    void thePairRateAllowsABurstThenOneMessagePerInterval() {
        var pairs = new PairRateLimit(2, Duration.ofSeconds(6));
        assertThat(pairs.wouldTake("n", "c", NOW)).isTrue();
        assertThat(pairs.take("n", "c", NOW)).isTrue();
        assertThat(pairs.take("n", "c", NOW)).isTrue();
        assertThat(pairs.wouldTake("n", "c", NOW)).isFalse();
        assertThat(pairs.wouldTake("n", "c", NOW)).as("peeking takes nothing").isFalse();
        assertThat(pairs.take("n", "c", NOW.plusSeconds(6))).isTrue();
        assertThat(pairs.take("n", "other", NOW)).isTrue();
    }

    private static PhoneNumber number(String status) {
        return new PhoneNumber("1", "w", "b", WaId.parse("+4917612345678", null).orElseThrow(), "+49 176 12345678",
                "Shop", NumberStatus.valueOf(status), "TIER_1K", QualityRating.GREEN, NOW, CodeVerificationStatus.VERIFIED,
                null, null, 80, OfficialStatus.NONE, null, null);
    }
}
