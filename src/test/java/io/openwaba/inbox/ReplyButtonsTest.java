package io.openwaba.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.ConsoleHttpTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reply buttons from the reply box over HTTP: the customer gets them to tap, and bad ones send nothing. */
class ReplyButtonsTest extends ConsoleHttpTest {

    @Test
    void anAnswerWithButtonsReachesTheCustomerAsButtonsAndBadButtonsSendNothing() {
        var tenant = onboard();
        var operator = consoleUser(tenant, "OPERATOR");
        var customer = newCustomer();
        customerWrites(customer, tenant, "can you deliver tomorrow?");
        var view = "/console/conversations/" + conversationOf(operator.session(), customer);

        var tooMany = operator.session().submit(view, view + "/reply",
                Map.of("text", "Which time?", "quick_replies", "9:00\n12:00\n15:00\n18:00"));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("At most 3 buttons.", "18:00</textarea>", ">Which time?</textarea>");
        assertThat(received(customer, tenant)).isEmpty();

        var sent = operator.session().submit(view, view + "/reply",
                Map.of("text", "Which time suits you?", "quick_replies", "Morning\nEvening"));
        assertThat(sent.statusCode()).isEqualTo(302);
        eventually(() -> assertThat(received(customer, tenant)).containsExactly("interactive:Which time suits you?"));
        var buttons = lastReceived(customer, tenant).at("/interactive/action/buttons");
        assertThat(buttons.size()).isEqualTo(2);
        assertThat(buttons.get(1).at("/reply/title").asString()).isEqualTo("Evening");
        assertThat(operator.session().get(view).body()).contains("Which time suits you?", "Morning", "Evening");
    }
}
