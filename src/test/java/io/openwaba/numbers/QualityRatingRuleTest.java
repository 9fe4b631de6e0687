package io.openwaba.numbers;

import static io.openwaba.numbers.QualityRating.GREEN;
import static io.openwaba.numbers.QualityRating.RED;
import static io.openwaba.numbers.QualityRating.YELLOW;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The quality rating from blocks and reports, templates per customer and unanswered customers. */
class QualityRatingRuleTest {

    private static final NumberSettings.Quality QUALITY = new NumberSettings.Quality(Duration.ofDays(7), 10, 0.02, 0.05,
            4.0, Duration.ofHours(24), 0.5);

    private final QualityRatingRule rule = new QualityRatingRule(QUALITY);

    @Test
    void qualityComesFromBlocksFrequencyAndUnansweredCustomers() {
        assertThat(rule.rate(new QualitySignals(100, 4, 1, 100, 0, 0), GREEN).value()).isEqualTo(RED);
        assertThat(rule.rate(new QualitySignals(100, 4, 0, 100, 0, 0), GREEN).value()).isEqualTo(YELLOW);
        assertThat(rule.rate(new QualitySignals(100, 1, 0, 100, 0, 0), GREEN).value()).isEqualTo(GREEN);
        assertThat(rule.rate(new QualitySignals(100, 0, 0, 401, 0, 0), GREEN).value()).isEqualTo(YELLOW);
        assertThat(rule.rate(new QualitySignals(0, 0, 0, 0, 20, 11), GREEN).value()).isEqualTo(YELLOW);
        assertThat(rule.rate(new QualitySignals(0, 0, 0, 0, 20, 10), YELLOW).value()).isEqualTo(GREEN);
        var tooFew = rule.rate(new QualitySignals(9, 9, 0, 9, 9, 9), RED);
        assertThat(tooFew.value()).isEqualTo(RED);
        assertThat(tooFew.measured()).isFalse();
        assertThat(rule.rate(new QualitySignals(100, 4, 1, 100, 0, 0), GREEN).figures())
                .containsEntry("block_rate", 0.05).containsEntry("customers_reached", 100);
    }

    @Test
    void eachRatingSaysWhichSignalMovedIt() {
        assertThat(rule.rate(new QualitySignals(100, 4, 1, 100, 0, 0), GREEN).reason())
                .isEqualTo("5.0% of customers reached blocked or reported the number (RED from 5.0%)");
        assertThat(rule.rate(new QualitySignals(100, 0, 0, 401, 0, 0), GREEN).reason())
                .isEqualTo("4.01 templates per customer reached (at most 4.0 keeps GREEN)");
        assertThat(rule.rate(new QualitySignals(0, 0, 0, 0, 20, 11), GREEN).reason())
                .isEqualTo("55.0% of customers who wrote waited more than 24 h without an answer");
        assertThat(rule.rate(new QualitySignals(9, 9, 0, 9, 9, 9), RED).reason())
                .isEqualTo("fewer than 10 customers in the window: the rating stays RED");
    }

    @Test
    void aLaterRatingIsWorseAndTheWorstOfSeveralNumbersCounts() {
        assertThat(RED.worseThan(YELLOW)).isTrue();
        assertThat(YELLOW.worseThan(GREEN)).isTrue();
        assertThat(GREEN.worseThan(YELLOW)).isFalse();
        assertThat(RED.worseThan(RED)).isFalse();
        assertThat(QualityRating.worst(List.of(GREEN, RED, YELLOW))).isEqualTo(RED);
        assertThat(QualityRating.worst(List.of())).isEqualTo(GREEN);
    }
}
