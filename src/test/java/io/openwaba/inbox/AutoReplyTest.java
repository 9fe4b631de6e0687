package io.openwaba.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.messaging.MessageContent;
import io.openwaba.messaging.MessageSender;
import io.openwaba.messaging.Origin;
import io.openwaba.messaging.SendCommand;
import io.openwaba.messaging.SendResult;
import io.openwaba.support.ConsoleHttpTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A number's automated reply, through the doors people use: the business admin sets it in the
 * console, customers write on the sandbox network, and what the customer receives is read from
 * the customer's own chat.
 */
class AutoReplyTest extends ConsoleHttpTest {

    @Autowired
    MessageSender sender;

    @Test
    void theGreetingHandsOffOnTheKeywordAndNothingAutomatedFollows() {
        var tenant = onboard();
        var admin = consoleUser(tenant, "BUSINESS_ADMIN");
        var saved = admin.session().submit("/console/automation", "/console/automation/" + tenant.phoneNumberId(), Map.of(
                "enabled", "true", "greeting", "Hello from the shop!", "button_title", "Talk to a person",
                "keywords", "operator, Оператор", "handoff_reply", "An operator will answer you here."));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);

        var customer = newCustomer();
        customerWrites(customer, tenant, "Hi, do you ship to Riga?");
        eventually(() -> assertThat(received(customer, tenant)).containsExactly("interactive:Hello from the shop!"));
        var greeting = lastReceived(customer, tenant);
        assertThat(greeting.at("/interactive/action/buttons/0/reply/title").asString()).isEqualTo("Talk to a person");

        customerWrites(customer, tenant, "I need an ОПЕРАТОР, please");
        eventually(() -> assertThat(received(customer, tenant)).containsExactly("interactive:Hello from the shop!",
                "text:An operator will answer you here."));
        customerWrites(customer, tenant, "hello? still there?");
        customerWrites(customer, tenant, "operator");

        var operator = consoleUser(tenant, "OPERATOR");
        var id = conversationOf(operator.session(), customer);
        var page = operator.session().get("/console/conversations/" + id);
        assertThat(page.body()).contains("The customer asked for a person", "In the queue");
        var reply = operator.session().submit("/console/conversations/" + id, "/console/conversations/" + id + "/reply",
                Map.of("text", "Yes, we ship to Riga."));
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(302);
        eventually(() -> assertThat(received(customer, tenant)).containsExactly("interactive:Hello from the shop!",
                "text:An operator will answer you here.", "text:Yes, we ship to Riga."));

        var automated = sender.send(SendCommand.of(tenant.phoneNumberId(), customer,
                new MessageContent.Text("Can I help?"), Origin.BOT, "a-chatbot"));
        assertThat(automated).isInstanceOfSatisfying(SendResult.Refused.class,
                refused -> assertThat(refused.refusal().rule()).isEqualTo(AutoReplies.RULE));
        var fromTheApi = sendText(tenant, customer, "An API send is not automation");
        assertThat(fromTheApi.status()).as(fromTheApi.body()).isEqualTo(200);
    }

    @Test
    void aResolvedConversationIsGreetedAgainWhenTheCustomerComesBack() {
        var tenant = onboard();
        var admin = consoleUser(tenant, "BUSINESS_ADMIN");
        admin.session().submit("/console/automation", "/console/automation/" + tenant.phoneNumberId(), Map.of(
                "enabled", "true", "greeting", "Welcome back!", "button_title", "Person", "keywords", "human",
                "handoff_reply", ""));
        var customer = newCustomer();
        customerWrites(customer, tenant, "first visit");
        eventually(() -> assertThat(received(customer, tenant)).containsExactly("interactive:Welcome back!"));
        customerWrites(customer, tenant, "human");
        var id = conversationOf(admin.session(), customer);
        eventually(() -> assertThat(admin.session().get("/console/conversations/" + id).body())
                .contains("The customer asked for a person"));
        admin.session().submit("/console/conversations/" + id, "/console/conversations/" + id + "/resolve", Map.of());

        customerWrites(customer, tenant, "me again");
        eventually(() -> assertThat(received(customer, tenant)).containsExactly("interactive:Welcome back!",
                "interactive:Welcome back!"));
    }

    @Test
    void settingsWithBadInputAreRefusedNextToTheFieldAndChangeNothing() {
        var tenant = onboard();
        var admin = consoleUser(tenant, "BUSINESS_ADMIN");
        var refused = admin.session().submit("/console/automation", "/console/automation/" + tenant.phoneNumberId(),
                Map.of("enabled", "true", "greeting", " ", "button_title", "A title far longer than twenty",
                        "keywords", " , ,", "handoff_reply", "x".repeat(1025)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Required when automated replies are on.", "At most 20 characters.",
                "At most 1,024 characters.");
        var customer = newCustomer();
        customerWrites(customer, tenant, "anyone?");
        var operator = consoleUser(tenant, "OPERATOR");
        conversationOf(operator.session(), customer);
        assertThat(received(customer, tenant)).isEmpty();

        var stranger = onboard();
        var foreign = admin.session().submit("/console/automation", "/console/automation/" + stranger.phoneNumberId(),
                Map.of("enabled", "true", "greeting", "hijack", "button_title", "x", "keywords", "x"));
        assertThat(foreign.statusCode()).isEqualTo(404);
        var operatorTries = operator.session().get("/console/automation");
        assertThat(operatorTries.statusCode()).isEqualTo(404);
    }

    @Test
    void theAwayMessageAnswersWhileNoOperatorIsOnlineAtMostOnceADay() {
        var tenant = onboard();
        var admin = consoleUser(tenant, "BUSINESS_ADMIN");
        var tooLong = admin.session().submit("/console/automation", "/console/automation/" + tenant.phoneNumberId(),
                Map.of("away_message", "x".repeat(1025)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(tooLong.body()).contains("At most 1,024 characters.");
        var saved = admin.session().submit("/console/automation", "/console/automation/" + tenant.phoneNumberId(),
                Map.of("away_message", "We are away: we answer from 9:00."));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);

        var anna = newCustomer();
        customerWrites(anna, tenant, "hello?");
        eventually(() -> assertThat(received(anna, tenant)).containsExactly("text:We are away: we answer from 9:00."));
        customerWrites(anna, tenant, "anyone?");

        var operator = consoleUser(tenant, "OPERATOR");
        operator.session().submit("/console/conversations", "/console/availability", Map.of("available", "true"));
        var boris = newCustomer();
        customerWrites(boris, tenant, "hello");
        customerWrites(anna, tenant, "still there?");
        conversationOf(operator.session(), boris);
        eventually(() -> assertThat(operator.session().get("/console/conversations?q=still").body()).contains("+" + anna));
        operator.session().submit("/console/conversations", "/console/availability", Map.of("available", "false"));
        assertThat(received(boris, tenant)).as("an operator was online").isEmpty();
        assertThat(received(anna, tenant)).as("once a day").containsExactly("text:We are away: we answer from 9:00.");

        advanceClock(java.time.Duration.ofHours(25));
        customerWrites(anna, tenant, "good morning");
        eventually(() -> assertThat(received(anna, tenant)).containsExactly("text:We are away: we answer from 9:00.",
                "text:We are away: we answer from 9:00."));
    }
}
