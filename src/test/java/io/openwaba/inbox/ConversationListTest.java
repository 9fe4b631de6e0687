package io.openwaba.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.ConsoleHttpTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The list's views, search and pages, over HTTP. */
class ConversationListTest extends ConsoleHttpTest {

    @Test
    void viewsSearchAndPagesShowTheRightConversations() {
        var tenant = onboard();
        var operator = consoleUser(tenant, "OPERATOR");
        var anna = newCustomer();
        var boris = newCustomer();
        customerWrites(anna, tenant, "Where is parcel 100%_done?");
        customerWrites(boris, tenant, "Hello");
        var annas = conversationOf(operator.session(), anna);
        operator.session().submit("/console/conversations/" + annas, "/console/conversations/" + annas + "/take", Map.of());

        assertThat(list(operator, "view=mine")).contains("+" + anna).doesNotContain("+" + boris);
        assertThat(list(operator, "view=queue")).contains("+" + boris).doesNotContain("+" + anna);
        assertThat(list(operator, "view=bot")).doesNotContain("+" + anna, "+" + boris).contains("No conversation matches.");
        assertThat(list(operator, "q=" + anna.substring(4))).contains("+" + anna).doesNotContain("+" + boris);
        assertThat(list(operator, "q=PARCEL")).contains("+" + anna).doesNotContain("+" + boris);
        assertThat(list(operator, "q=100%25_")).contains("+" + anna).doesNotContain("+" + boris);
        assertThat(list(operator, "q=%25")).contains("+" + anna).doesNotContain("+" + boris);
        assertThat(list(operator, "q=_")).contains("+" + anna).doesNotContain("+" + boris);

        operator.session().submit("/console/conversations/" + annas, "/console/conversations/" + annas + "/resolve",
                Map.of());
        assertThat(list(operator, "view=all")).doesNotContain("+" + anna).contains("+" + boris);
        assertThat(list(operator, "view=resolved")).contains("+" + anna).doesNotContain("+" + boris);

        for (var bad : new String[] {"view=everything", "after=yesterday", "after=2026-01-01T00:00:00Z"}) {
            assertThat(operator.session().get("/console/conversations?" + bad).statusCode()).as(bad).isIn(200, 400);
        }
        assertThat(operator.session().get("/console/conversations?view=everything").statusCode()).isEqualTo(400);
        assertThat(operator.session().get("/console/conversations?q=" + "x".repeat(5000)).statusCode()).isEqualTo(200);
    }

    @Test
    void labelsMarkConversationsAndFilterTheListAndTheCardShowsTheCustomer() {
        var tenant = onboard();
        var operator = consoleUser(tenant, "OPERATOR");
        var anna = newCustomer();
        var boris = newCustomer();
        customerWrites(anna, tenant, "a big order");
        customerWrites(boris, tenant, "a question");
        var id = conversationOf(operator.session(), anna);
        var view = "/console/conversations/" + id;
        var bad = operator.session().submit(view, view + "/labels", Map.of("label", "<b>vip</b>"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("A label has 1 to 40 letters");
        assertThat(operator.session().submit(view, view + "/labels", Map.of("label", "  big   customer ")).statusCode())
                .isEqualTo(302);
        for (int i = 0; i < 9; i++) {
            operator.session().submit(view, view + "/labels", Map.of("label", "l" + i));
        }
        var eleventh = operator.session().submit(view, view + "/labels", Map.of("label", "one too many"));
        assertThat(eleventh.statusCode()).isEqualTo(400);
        assertThat(eleventh.body()).contains("at most 10 labels");

        var page = operator.session().get(view).body();
        assertThat(page).contains("data-test=\"contact-card\"", "+" + anna, "Germany", ">big customer<");
        assertThat(list(operator, "label=big+customer")).contains("+" + anna).doesNotContain("+" + boris);
        assertThat(list(operator, "view=all")).contains("class=\"chip\">big customer<");
        assertThat(operator.session().get("/console/conversations?label=%3Cscript%3E").statusCode()).isEqualTo(400);

        operator.session().submit(view, view + "/labels/remove", Map.of("label", "big customer"));
        assertThat(list(operator, "label=big+customer")).doesNotContain("+" + anna);
    }

    @Test
    void aSnoozedConversationWakesAtItsTimeOrAtTheCustomersMessage() {
        var tenant = onboard();
        var operator = consoleUser(tenant, "OPERATOR");
        var customer = newCustomer();
        customerWrites(customer, tenant, "call me back tomorrow");
        var id = conversationOf(operator.session(), customer);
        var view = "/console/conversations/" + id;
        operator.session().submit(view, view + "/take", Map.of());
        assertThat(operator.session().submit(view, view + "/snooze", Map.of("for", "PT5H")).statusCode())
                .isEqualTo(400);
        assertThat(operator.session().submit(view, view + "/snooze", Map.of("for", "PT1H")).statusCode())
                .isEqualTo(302);
        assertThat(operator.session().get(view).body()).contains("Snoozed until", "snoozed the conversation");
        assertThat(list(operator, "view=snoozed")).contains("+" + customer);
        assertThat(list(operator, "view=all")).doesNotContain("+" + customer);

        advanceClock(java.time.Duration.ofHours(2));
        eventually(() -> assertThat(list(operator, "view=mine")).contains("+" + customer));
        assertThat(operator.session().get(view).body()).contains("The snooze ended", "data-test=\"status\">Open<");

        operator.session().submit(view, view + "/snooze", Map.of("for", "customer"));
        advanceClock(java.time.Duration.ofDays(2));
        assertThat(list(operator, "view=snoozed")).contains("+" + customer);
        customerWrites(customer, tenant, "I'm back");
        assertThat(list(operator, "view=mine")).contains("+" + customer);
        assertThat(list(operator, "view=snoozed")).doesNotContain("+" + customer);
    }

    @Test
    void theListPagesOnWithoutRepeatingOrSkipping() {
        var tenant = onboard();
        var operator = consoleUser(tenant, "OPERATOR");
        var customers = new java.util.ArrayList<String>();
        for (int i = 0; i < ConversationListController.PAGE + 5; i++) {
            var customer = newCustomer();
            customers.add(customer);
            customerWrites(customer, tenant, "message " + i);
        }
        var first = list(operator, "view=all");
        var next = first.replaceAll("(?s).*data-test=\"more\" href=\"([^\"]+)\".*", "$1").replace("&amp;", "&");
        assertThat(next).startsWith("/console/conversations?");
        var second = operator.session().get(next).body();
        var seen = new java.util.HashSet<String>();
        for (var customer : customers) {
            boolean onFirst = first.contains("+" + customer + "<");
            boolean onSecond = second.contains("+" + customer + "<");
            assertThat(onFirst ^ onSecond).as("customer %s is on exactly one page", customer).isTrue();
            seen.add(customer);
        }
        assertThat(seen).hasSize(customers.size());
        assertThat(second).doesNotContain("data-test=\"more\"");
    }

    private String list(User user, String query) {
        var page = user.session().get("/console/conversations?" + query);
        assertThat(page.statusCode()).as(query).isEqualTo(200);
        return page.body();
    }
}
