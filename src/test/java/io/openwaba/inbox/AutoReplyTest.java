package io.openwaba.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.messaging.MessageContent;
import io.openwaba.messaging.MessageSender;
import io.openwaba.messaging.Origin;
import io.openwaba.messaging.SendCommand;
import io.openwaba.messaging.SendResult;
import io.openwaba.support.ConsoleSession;
import io.openwaba.support.PlatformTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A number's automated reply, through the doors people use: the business admin sets it in the
 * console, customers write on the sandbox network, and what the customer receives is read from
 * the customer's own chat.
 */
class AutoReplyTest extends PlatformTest {

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

    private record User(String login, ConsoleSession session) {
    }

    private User consoleUser(Tenant tenant, String role) {
        var login = role.toLowerCase() + "-" + randomDigits(8) + "@shop.example";
        var created = http.post("/api/businesses/" + tenant.businessId() + "/console-users", tenant.token(), Map.of(
                "login", login, "display_name", "Test " + role, "role", role, "password", "a-long-password-1"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new User(login, ConsoleSession.signedIn(port, login, "a-long-password-1"));
    }

    private static final Pattern LINK = Pattern.compile("/console/conversations/(\\d+)\"><strong>[^<]*</strong></a>\\s*"
            + "<span class=\"number\">\\+(\\d+)</span>");

    private String conversationOf(ConsoleSession session, String customer) {
        var found = new ArrayList<String>();
        eventually(() -> {
            var matcher = LINK.matcher(session.get("/console/conversations").body());
            while (matcher.find()) {
                if (matcher.group(2).equals(customer)) {
                    found.add(matcher.group(1));
                }
            }
            assertThat(found).isNotEmpty();
        });
        return found.get(0);
    }

    /** What the customer received from the business, as "type:text". */
    private List<String> received(String customer, Tenant tenant) {
        return chat(customer, tenant).stream().map(m -> {
            var payload = json(m.get("payload").asString());
            var type = m.get("type").asString();
            var text = type.equals("interactive") ? payload.at("/interactive/body/text").asString()
                    : payload.at("/" + type + "/body").asString("");
            return type + ":" + text;
        }).toList();
    }

    private JsonNode lastReceived(String customer, Tenant tenant) {
        var chat = chat(customer, tenant);
        return json(chat.get(chat.size() - 1).get("payload").asString());
    }

    private List<JsonNode> chat(String customer, Tenant tenant) {
        var lines = new ArrayList<JsonNode>();
        http.get("/sandbox/customers/" + customer + "/messages", null).json().forEach(m -> {
            if (m.get("direction").asString().equals("received") && m.get("phone_number_id").asString()
                    .equals(tenant.phoneNumberId())) {
                lines.add(m);
            }
        });
        return lines;
    }

    private static JsonNode json(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
    }
}
