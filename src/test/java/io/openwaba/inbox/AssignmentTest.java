package io.openwaba.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.ConsoleHttpTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Automatic assignment over HTTP: waiting conversations go to online operators in turn, never above the cap. */
class AssignmentTest extends ConsoleHttpTest {

    private static final Pattern OWNER = Pattern.compile("<span class=\"number\">\\+(\\d+)</span>.*?data-test=\"list-owner\">([^<]+)<",
            Pattern.DOTALL);

    @Test
    void roundRobinAmongOnlineOperatorsRespectsTheCap() {
        var tenant = onboard();
        var admin = consoleUser(tenant, "BUSINESS_ADMIN");
        var refused = admin.session().submit("/console/automation", "/console/assignment",
                Map.of("automatic", "true", "max_open", "0"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("A whole number from 1 to 1000.");
        var saved = admin.session().submit("/console/automation", "/console/assignment",
                Map.of("automatic", "true", "max_open", "2"));
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);

        var anna = consoleUser(tenant, "OPERATOR");
        var boris = consoleUser(tenant, "OPERATOR");
        var away = consoleUser(tenant, "OPERATOR");
        for (var operator : List.of(anna, boris)) {
            var online = operator.session().submit("/console/conversations", "/console/availability",
                    Map.of("available", "true"));
            assertThat(online.statusCode()).isEqualTo(302);
        }
        assertThat(anna.session().get("/console/conversations").body()).contains("You are online");
        assertThat(away.session().get("/console/conversations").body()).contains("You are away");

        var customers = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            var customer = newCustomer();
            customers.add(customer);
            customerWrites(customer, tenant, "question " + i);
        }
        var owners = owners(admin);
        assertThat(customers.stream().map(owners::get).toList()).containsExactly(
                "Test OPERATOR answers", "Test OPERATOR answers", "Test OPERATOR answers", "Test OPERATOR answers",
                "In the queue");
        var annasOpen = conversationsOwnedBy(anna);
        var borisOpen = conversationsOwnedBy(boris);
        assertThat(annasOpen).hasSize(2);
        assertThat(borisOpen).hasSize(2);
        assertThat(conversationsOwnedBy(away)).isEmpty();

        var first = conversationOf(anna.session(), annasOpen.get(0));
        var resolved = anna.session().submit("/console/conversations/" + first,
                "/console/conversations/" + first + "/resolve", Map.of());
        assertThat(resolved.statusCode()).isEqualTo(302);
        assertThat(owners(admin).get(customers.get(4))).isEqualTo("Test OPERATOR answers");
        assertThat(conversationsOwnedBy(anna)).contains(customers.get(4));
    }

    @Test
    void aHandOffIsAnsweredAndAssignedAndAHandBackGoesToSomeoneElse() {
        var tenant = onboard();
        var admin = consoleUser(tenant, "BUSINESS_ADMIN");
        admin.session().submit("/console/automation", "/console/assignment", Map.of("automatic", "true", "max_open", "5"));
        admin.session().submit("/console/automation", "/console/automation/" + tenant.phoneNumberId(), Map.of(
                "enabled", "true", "greeting", "Hi!", "button_title", "Person", "keywords", "operator",
                "handoff_reply", "Connecting you."));
        var anna = consoleUser(tenant, "OPERATOR");
        anna.session().submit("/console/conversations", "/console/availability", Map.of("available", "true"));

        var customer = newCustomer();
        customerWrites(customer, tenant, "hello");
        eventually(() -> assertThat(received(customer, tenant)).containsExactly("interactive:Hi!"));
        customerWrites(customer, tenant, "operator please");
        eventually(() -> assertThat(received(customer, tenant)).containsExactly("interactive:Hi!",
                "text:Connecting you."));
        eventually(() -> assertThat(conversationsOwnedBy(anna)).containsExactly(customer));

        var id = conversationOf(anna.session(), customer);
        anna.session().submit("/console/conversations/" + id, "/console/conversations/" + id + "/hand-back", Map.of());
        assertThat(conversationsOwnedBy(anna)).as("not handed straight back to Anna").isEmpty();
        assertThat(owners(admin).get(customer)).isEqualTo("In the queue");

        var boris = consoleUser(tenant, "OPERATOR");
        boris.session().submit("/console/conversations", "/console/availability", Map.of("available", "true"));
        assertThat(conversationsOwnedBy(boris)).containsExactly(customer);
        var signOut = boris.session().submit("/console", "/console/logout", Map.of());
        assertThat(signOut.statusCode()).isEqualTo(302);
        var second = newCustomer();
        customerWrites(second, tenant, "operator");
        eventually(() -> assertThat(owners(admin).get(second)).isEqualTo("Test OPERATOR answers"));
        assertThat(conversationsOwnedBy(anna)).as("Boris signed out: away").containsExactly(second);
    }

    /** Each customer's owner as the list shows it. */
    private Map<String, String> owners(User viewer) {
        var owners = new java.util.HashMap<String, String>();
        var matcher = OWNER.matcher(viewer.session().get("/console/conversations").body());
        while (matcher.find()) {
            owners.put(matcher.group(1), matcher.group(2).strip());
        }
        return owners;
    }

    /** The customers whose open conversations the operator owns: the view of each says "yours". */
    private List<String> conversationsOwnedBy(User operator) {
        var mine = new ArrayList<String>();
        var page = operator.session().get("/console/conversations").body();
        var matcher = Pattern.compile("/console/conversations/(\\d+)\"><strong>[^<]*</strong></a>\\s*"
                + "<span class=\"number\">\\+(\\d+)</span>").matcher(page);
        while (matcher.find()) {
            var view = operator.session().get("/console/conversations/" + matcher.group(1)).body();
            if (view.contains("/hand-back\"") && view.contains("data-test=\"status\">Open<")) {
                mine.add(matcher.group(2));
            }
        }
        return mine;
    }
}
