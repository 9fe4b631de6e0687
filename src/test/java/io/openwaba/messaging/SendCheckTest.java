package io.openwaba.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.shared.Decision;
import io.openwaba.support.PlatformTest;
import io.openwaba.support.TestTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The check before a broadcast: 10,000 recipients answered in one call, with the refusals a send would get. */
class SendCheckTest extends PlatformTest {

    @Autowired
    SendCheck sendCheck;

    @Test
    void tenThousandRecipientsAreAnsweredInOneCallWithTheRightRefusalsAndNothingIsTaken() {
        var tenant = onboard(); // verified: TIER_1K
        TestTemplates.approved(http, tenant.wabaId(), tenant.token(), "parcel_update");
        var recipients = new ArrayList<String>();
        for (int i = 0; i < 3; i++) {
            var customer = newCustomer();
            customerWrites(customer, tenant, "hello");
            recipients.add(customer);
        }
        var base = 4_915_200_000_000L + Long.parseLong(randomDigits(4)) * 10_000;
        for (int i = 0; i < 9_990; i++) {
            recipients.add(Long.toString(base + i));
        }
        for (int i = 0; i < 5; i++) {
            recipients.add("+" + (base + i)); // the same customers again, written differently
        }
        recipients.add("not a number");
        recipients.add("+" + tenant.numberWaId());
        assertThat(recipients).hasSize(10_000);

        var template = sendCheck.check(tenant.phoneNumberId(),
                MessageContent.Template.withBodyText("parcel_update", "en_US"), recipients);

        assertThat(template.recipients()).hasSize(10_000);
        assertThat(codes(template)).containsExactlyInAnyOrderEntriesOf(Map.of(0, 1_008L, 131048, 8_990L,
                100, 1L, 131021, 1L));
        assertThat(template.limit().tier().name()).isEqualTo("TIER_1K");
        assertThat(template.newConversations()).isEqualTo(9_990);
        var firstOver = (Decision.Refused) template.recipients().get(3 + 1_000).decision();
        assertThat(firstOver.rule()).isEqualTo("messaging-limit");
        assertThat(firstOver.figures()).containsEntry("limit", 1_000L).containsKey("capacity_frees_at");
        assertThat(template.recipients().get(0).decision().allowed()).isTrue();
        assertThat(template.recipients().get(9_993).decision().allowed()).as("already counted above").isTrue();

        var text = sendCheck.check(tenant.phoneNumberId(), new MessageContent.Text("Your parcel is here"), recipients);
        assertThat(codes(text)).containsExactlyInAnyOrderEntriesOf(Map.of(0, 3L, 131047, 9_995L, 100, 1L,
                131021, 1L));

        var health = http.get("/api/phone-numbers/" + tenant.phoneNumberId() + "/health", ADMIN_TOKEN).json();
        assertThat(health.get("customers_reached_24h").asInt()).as("the check takes no capacity").isZero();
        assertThat(TestTemplates.send(http, tenant.phoneNumberId(), tenant.token(), "parcel_update",
                recipients.get(3)).status()).isEqualTo(200);
    }

    @Test
    void aContentOrNumberRefusalAnswersEveryRecipient() {
        var tenant = onboard();
        var unknownTemplate = sendCheck.check(tenant.phoneNumberId(),
                MessageContent.Template.withBodyText("missing", "en_US"), List.of("4915112345678", "4915112345679"));
        assertThat(codes(unknownTemplate)).containsExactlyEntriesOf(Map.of(132001, 2L));
        var unknownNumber = sendCheck.check("424242", new MessageContent.Text("hi"), List.of("4915112345678"));
        assertThat(((Decision.Refused) unknownNumber.recipients().get(0).decision()).rule())
                .isEqualTo("unknown-number");
    }

    /** How many recipients got each answer: 0 for allowed, else Meta's code. */
    private static Map<Integer, Long> codes(SendCheck.Result result) {
        return result.recipients().stream().collect(Collectors.groupingBy(recipient ->
                recipient.decision() instanceof Decision.Refused refused ? refused.code() : 0, Collectors.counting()));
    }
}
