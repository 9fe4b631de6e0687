package io.openwaba.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.shared.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The review of a display name: no WhatsApp or Meta brand, no web address, 3 characters, not all capitals. */
class DisplayNameRuleTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"Demo Shop, ''", "ACME, ''", "WhatsApp Deals, brands", "Meta Store, brands",
            "shop.example.com, web address", "www.shop, web address", "Ab, 3 characters",
            "DEMO SHOP, all capitals"})
    void aDisplayNameBreaksAtMostTheFirstRuleItMeets(String name, String problem) {
        var decision = DisplayNameRule.review(name);
        if (problem.isEmpty()) {
            assertThat(decision.allowed()).isTrue();
        } else {
            assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class, refused -> {
                assertThat(refused.rule()).isEqualTo(DisplayNameRule.RULE);
                assertThat(refused.reason()).contains(problem).endsWith(name);
                assertThat(refused.error()).isNull();
            });
        }
    }

    @Test
    void theReviewNamesTheDisplayNameItJudged() {
        var passed = DisplayNameRule.review("Demo Shop");
        assertThat(passed.reason()).isEqualTo("the review against the commerce policy found nothing");
        assertThat(passed.figures()).containsEntry("verified_name", "Demo Shop");
        assertThat(DisplayNameRule.review("Ab").figures()).containsEntry("verified_name", "Ab");
    }
}
