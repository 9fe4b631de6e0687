package io.openwaba.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.shared.Decision;
import io.openwaba.support.PlatformTest;
import io.openwaba.support.TestTemplates;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A module of the platform (a bot, the chat center, a broadcast) sends through the internal API, with no Graph type. */
class InternalSendTest extends PlatformTest {

    @Autowired
    MessageSender sender;

    @Test
    void aBotRepliesWithTextInsideTheWindowAndTheCustomerGetsIt() {
        var tenant = onboard();
        var customer = newCustomer();
        customerWrites(customer, tenant, "Do you open on Sunday?");

        var result = sender.send(SendCommand.of(tenant.phoneNumberId(), "+" + customer,
                new MessageContent.Text("We open at 10 on Sundays."), Origin.BOT, "opening-hours-flow"));

        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        var accepted = (SendResult.Accepted) result;
        assertThat(accepted.waId()).isEqualTo(customer);
        eventually(() -> {
            var chat = http.get("/sandbox/customers/" + customer + "/messages", null).json();
            assertThat(chat.toString()).contains(accepted.wamid()).contains("We open at 10 on Sundays.");
        });
    }

    @Test
    void aBroadcastSendsAnApprovedTemplateToACustomerWhoNeverWrote() {
        var tenant = onboard();
        TestTemplates.approved(http, tenant.wabaId(), tenant.token(), "parcel_shipped");
        var customer = newCustomer();

        var result = sender.send(SendCommand.of(tenant.phoneNumberId(), customer,
                MessageContent.Template.withBodyText("parcel_shipped", "en_US"), Origin.BROADCAST, "campaign-7"));

        assertThat(result).isInstanceOf(SendResult.Accepted.class);
        var wamid = ((SendResult.Accepted) result).wamid();
        eventually(() -> assertThat(http.get("/sandbox/customers/" + customer + "/messages", null).json().toString())
                .contains(wamid).contains("parcel_shipped"));
    }

    @Test
    void aRefusalIsAValueThatNamesTheRuleTheReasonAndMetasCode() {
        var tenant = onboard();
        var customer = newCustomer();

        var closedWindow = sender.send(SendCommand.of(tenant.phoneNumberId(), customer,
                new MessageContent.Text("hello?"), Origin.INBOX, "operator-1"));
        var unknownTemplate = sender.send(SendCommand.of(tenant.phoneNumberId(), customer,
                MessageContent.Template.withBodyText("no_such_template", "en_US"), Origin.BROADCAST, "campaign-8"));
        var unknownNumber = sender.send(SendCommand.of("999000111", customer,
                new MessageContent.Text("hi"), Origin.BOT, "flow-1"));

        var window = refusal(closedWindow);
        assertThat(window.rule()).isEqualTo("customer-service-window");
        assertThat(window.code()).isEqualTo(131047);
        assertThat(window.reason()).contains("never written");
        assertThat(refusal(unknownTemplate).code()).isEqualTo(132001);
        assertThat(refusal(unknownNumber).rule()).isEqualTo("unknown-number");
        assertThat(http.get("/sandbox/customers/" + customer + "/messages", null).json().size()).isZero();
    }

    @Test
    void contentFromAnInternalSenderIsHeldToTheSameRulesAsAGraphClients() {
        var tenant = onboard();
        var customer = newCustomer();
        customerWrites(customer, tenant, "hi");

        var tooLong = sender.send(SendCommand.of(tenant.phoneNumberId(), customer,
                new MessageContent.Text("x".repeat(4097)), Origin.BOT, "flow-2"));
        var twoEmoji = sender.send(SendCommand.of(tenant.phoneNumberId(), customer,
                new MessageContent.Reaction("wamid.X", "\uD83D\uDC4D\uD83D\uDC4D"), Origin.BOT, "flow-2"));

        assertThat(refusal(tooLong).rule()).isEqualTo("invalid-request");
        assertThat(refusal(tooLong).error().message()).contains("text['body']").contains("4096");
        assertThat(refusal(twoEmoji).code()).isEqualTo(131009);
    }

    private static Decision.Refused refusal(SendResult result) {
        assertThat(result).isInstanceOf(SendResult.Refused.class);
        return ((SendResult.Refused) result).refusal();
    }
}
