package io.openwaba.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The review of a display name: no WhatsApp or Meta brand, no web address, 3 characters, not all capitals. */
class DisplayNameRuleTest {

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"Demo Shop, ''", "ACME, ''", "WhatsApp Deals, brands", "Meta Store, brands",
            "shop.example.com, web address", "www.shop, web address", "Ab, 3 characters",
            "DEMO SHOP, all capitals"})
    void aDisplayNameBreaksAtMostTheFirstRuleItMeets(String name, String problem) {
        var found = DisplayNameRule.problem(name);
        if (problem.isEmpty()) {
            assertThat(found).isEmpty();
        } else {
            assertThat(found).hasValueSatisfying(reason -> assertThat(reason).contains(problem).endsWith(name));
        }
    }
}
