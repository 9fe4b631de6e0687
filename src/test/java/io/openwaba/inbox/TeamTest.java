package io.openwaba.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.ConsoleHttpTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Teams over HTTP: made in the console and the management API, and a team's queue goes to its members only. */
class TeamTest extends ConsoleHttpTest {

    @Test
    void theManagementApiCreatesAndStaffsTeamsAndRefusesWhatIsNotTheBusinesss() {
        var tenant = onboard();
        var anna = consoleUser(tenant, "OPERATOR");
        var elsewhere = onboard();
        var stranger = consoleUser(elsewhere, "OPERATOR");
        var teams = "/api/businesses/" + tenant.businessId() + "/teams";

        var created = http.post(teams, tenant.token(), Map.of("name", " Sales ", "member_ids", List.of(id(tenant, anna))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("name").asString()).isEqualTo("Sales");
        var teamId = created.json().get("id").asString();
        assertThat(http.get(teams, tenant.token()).json().get(0).get("member_ids").get(0).asString())
                .isEqualTo(id(tenant, anna));

        var taken = http.post(teams, tenant.token(), Map.of("name", "sales", "member_ids", List.of()));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
        var empty = http.post(teams, tenant.token(), Map.of("name", "  ", "member_ids", List.of()));
        assertThat(empty.status()).isEqualTo(400);
        var foreign = http.post(teams, tenant.token(), Map.of("name", "Support", "member_ids", List.of("123")));
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.json().get("errors").get(0).get("field").asString()).isEqualTo("members");
        assertThat(http.post(teams, tenant.token(), Map.of("name", List.of("x"))).status()).isEqualTo(400);
        assertThat(http.get(teams, tenant.token()).json().size()).as("nothing refused was created").isEqualTo(1);

        var emptied = http.put(teams + "/" + teamId + "/members", tenant.token(), Map.of("member_ids", List.of()));
        assertThat(emptied.status()).isEqualTo(200);
        assertThat(emptied.json().get("member_ids").size()).isZero();
        assertThat(http.put(teams + "/999/members", tenant.token(), Map.of("member_ids", List.of())).status())
                .isEqualTo(404);
        assertThat(http.put(teams + "/" + teamId + "/members", tenant.token(),
                Map.of("member_ids", List.of(id(elsewhere, stranger)))).status()).isEqualTo(400);
        assertThat(http.get(teams, elsewhere.token()).status()).isEqualTo(404);
    }

    @Test
    void aBusinessAdminMakesATeamInTheConsoleAndItsQueueGoesToItsMembersOnly() {
        var tenant = onboard();
        var admin = consoleUser(tenant, "BUSINESS_ADMIN");
        var anna = consoleUser(tenant, "OPERATOR");
        var boris = consoleUser(tenant, "OPERATOR");

        var bad = admin.session().submit("/console/team", "/console/team/teams", Map.of("name", "x".repeat(61)));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Enter a name of 1 to 60 characters.");
        var made = admin.session().submit("/console/team", "/console/team/teams",
                Map.of("name", "Sales", "member", id(tenant, anna)));
        assertThat(made.statusCode()).isEqualTo(302);
        var page = admin.session().get("/console/team").body();
        assertThat(page).contains("The team Sales is saved.", "<legend>Sales</legend>");
        assertThat(anna.session().get("/console/team").statusCode()).as("operators do not manage teams").isEqualTo(404);
        var teamId = http.get("/api/businesses/" + tenant.businessId() + "/teams", tenant.token()).json().get(0)
                .get("id").asString();

        admin.session().submit("/console/automation", "/console/assignment", Map.of("automatic", "true", "max_open", "5"));
        boris.session().submit("/console/conversations", "/console/availability", Map.of("available", "true"));
        var customer = newCustomer();
        customerWrites(customer, tenant, "I want to buy");
        eventually(() -> assertThat(ownedBy(boris)).containsExactly(customer));
        var id = conversationOf(admin.session(), customer);
        var view = "/console/conversations/" + id;

        var toTeam = admin.session().submit(view, view + "/assign", Map.of("to", "team:" + teamId));
        assertThat(toTeam.statusCode()).isEqualTo(302);
        assertThat(ownedBy(boris)).as("Boris is not in Sales").isEmpty();
        assertThat(admin.session().get(view).body()).contains("Team Sales", "put the conversation in the queue of the team Sales");
        assertThat(admin.session().get("/console/conversations?view=queue&team=" + teamId).body()).contains("+" + customer);
        assertThat(admin.session().get("/console/conversations?team=nope").statusCode()).isEqualTo(400);

        anna.session().submit("/console/conversations", "/console/availability", Map.of("available", "true"));
        assertThat(ownedBy(anna)).containsExactly(customer);

        var moved = anna.session().submit(view, view + "/assign", Map.of("to", "operator:" + id(tenant, boris)));
        assertThat(moved.statusCode()).isEqualTo(302);
        assertThat(ownedBy(boris)).containsExactly(customer);
        assertThat(anna.session().get(view).body()).contains("assigned the conversation to Test OPERATOR");
        var refused = anna.session().submit(view, view + "/assign", Map.of("to", "operator:" + id(tenant, anna)));
        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(ownedBy(boris)).as("an operator cannot take a colleague's conversation this way").containsExactly(customer);
        assertThat(anna.session().get(view).body()).contains("has taken this conversation");

        for (var target : new String[] {"", "operator:", "operator:999", "team:999", "bot:1"}) {
            assertThat(admin.session().submit(view, view + "/assign", Map.of("to", target)).statusCode()).as(target)
                    .isEqualTo(400);
        }
        assertThat(ownedBy(boris)).containsExactly(customer);
        var stranger = consoleUser(onboard(), "BUSINESS_ADMIN");
        assertThat(stranger.session().submit("/console/conversations", view + "/assign",
                Map.of("to", "team:" + teamId)).statusCode()).isEqualTo(404);
    }

    private String id(Tenant tenant, User user) {
        for (var u : http.get("/api/businesses/" + tenant.businessId() + "/console-users", tenant.token()).json()) {
            if (u.get("login").asString().equals(user.login())) {
                return u.get("id").asString();
            }
        }
        throw new AssertionError("no console user " + user.login());
    }

    /** The customers whose open conversations the operator owns. */
    private List<String> ownedBy(User operator) {
        var mine = new ArrayList<String>();
        var matcher = Pattern.compile("/console/conversations/(\\d+)\"><strong>[^<]*</strong></a>\\s*"
                + "<span class=\"number\">\\+(\\d+)</span>")
                .matcher(operator.session().get("/console/conversations?view=mine").body());
        while (matcher.find()) {
            mine.add(matcher.group(2));
        }
        return mine;
    }
}
