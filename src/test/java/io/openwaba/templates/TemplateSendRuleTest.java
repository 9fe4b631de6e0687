package io.openwaba.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.shared.Decision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateSendRuleTest {

    @ParameterizedTest(name = "a {0} template: code {1}, HTTP {2}")
    @CsvSource({"APPROVED, 0, 0", "FLAGGED, 0, 0", "PAUSED, 132015, 400", "DISABLED, 132016, 400",
            "PENDING, 132001, 404", "REJECTED, 132001, 404"})
    void onlyApprovedAndFlaggedTemplatesMayBeSent(String status, int code, int httpStatus) {
        var decision = TemplateSendRule.check(status, "order_update", "en_US");
        if (code == 0) {
            assertThat(decision.allowed()).isTrue();
            return;
        }
        var refused = (Decision.Refused) decision;
        assertThat(refused.rule()).isEqualTo("template-status");
        assertThat(refused.code()).isEqualTo(code);
        assertThat(refused.error().httpStatus()).isEqualTo(httpStatus);
        assertThat(refused.reason()).contains("order_update");
        assertThat(refused.figures()).containsEntry("status", status);
    }
}
