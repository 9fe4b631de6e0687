package io.openwaba.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** A test of the chat center over HTTP: console users with their sessions, and customers' chats read on the network. */
public abstract class ConsoleHttpTest extends PlatformTest {

    protected record User(String login, ConsoleSession session) {
    }

    protected User consoleUser(Tenant tenant, String role) {
        var login = role.toLowerCase() + "-" + randomDigits(8) + "@shop.example";
        var created = http.post("/api/businesses/" + tenant.businessId() + "/console-users", tenant.token(), Map.of(
                "login", login, "display_name", "Test " + role, "role", role, "password", "a-long-password-1"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return new User(login, ConsoleSession.signedIn(port, login, "a-long-password-1"));
    }

    private static final Pattern LINK = Pattern.compile("/console/conversations/(\\d+)\"><strong>[^<]*</strong></a>\\s*"
            + "<span class=\"number\">\\+(\\d+)</span>");

    protected String conversationOf(ConsoleSession session, String customer) {
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
    protected List<String> received(String customer, Tenant tenant) {
        return chat(customer, tenant).stream().map(m -> {
            var payload = json(m.get("payload").asString());
            var type = m.get("type").asString();
            var text = type.equals("interactive") ? payload.at("/interactive/body/text").asString()
                    : payload.at("/" + type + "/body").asString("");
            return type + ":" + text;
        }).toList();
    }

    protected JsonNode lastReceived(String customer, Tenant tenant) {
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
