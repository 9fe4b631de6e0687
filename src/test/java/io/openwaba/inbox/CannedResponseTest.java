package io.openwaba.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.ConsoleHttpTest;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Canned responses over HTTP: only the business's admin manages them, and each business sees its own. */
class CannedResponseTest extends ConsoleHttpTest {

    @Test
    void onlyTheBusinessesAdminManagesThemAndSuggestionsStayInTheBusiness() {
        var tenant = onboard();
        var admin = consoleUser(tenant, "BUSINESS_ADMIN");
        var operator = consoleUser(tenant, "OPERATOR");
        var page = "/console/canned-responses";
        assertThat(admin.session().submit(page, page, Map.of("shortcut", "hours", "text", "9 to 18")).statusCode())
                .isEqualTo(302);
        var taken = admin.session().submit(page, page, Map.of("shortcut", "HOURS", "text", "again"));
        assertThat(taken.statusCode()).isEqualTo(400);
        assertThat(taken.body()).contains("already has a canned response with this shortcut");
        var tooLong = admin.session().submit(page, page, Map.of("shortcut", "big", "text", "x".repeat(4097)));
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(admin.session().submit(page, page, Map.of("shortcut", "часы", "text", "с 9 до 18")).statusCode())
                .isEqualTo(302);
        assertThat(operator.session().get(page).statusCode()).isEqualTo(404);

        var customer = newCustomer();
        customerWrites(customer, tenant, "hello");
        var id = conversationOf(operator.session(), customer);
        var suggestions = "/console/conversations/" + id + "/canned?text=";
        assertThat(operator.session().get(suggestions + "/").body()).contains("/hours", "/часы");
        assertThat(operator.session().get(suggestions + "/%D1%87").body()).contains("/часы").doesNotContain("/hours");
        assertThat(operator.session().get(suggestions + "hours").body()).doesNotContain("/hours");
        assertThat(operator.session().get(suggestions + "/" + "x".repeat(5000)).statusCode()).isEqualTo(200);

        var cannedId = Pattern.compile("canned=(\\d+)").matcher(operator.session().get(suggestions + "/ho").body());
        assertThat(cannedId.find()).isTrue();
        var filled = operator.session().get("/console/conversations/" + id + "/composer?canned=" + cannedId.group(1));
        assertThat(filled.body()).contains(">9 to 18</textarea>");

        var elsewhere = onboard();
        var stranger = consoleUser(elsewhere, "BUSINESS_ADMIN");
        var strangersCustomer = newCustomer();
        customerWrites(strangersCustomer, elsewhere, "hi");
        var theirs = conversationOf(stranger.session(), strangersCustomer);
        assertThat(stranger.session().get("/console/conversations/" + theirs + "/canned?text=/").body())
                .doesNotContain("/hours");
        assertThat(stranger.session().get("/console/conversations/" + theirs + "/composer?canned=" + cannedId.group(1))
                .statusCode()).isEqualTo(404);
        assertThat(stranger.session().submit(page, page + "/" + cannedId.group(1) + "/delete", Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(admin.session().submit(page, page + "/" + cannedId.group(1) + "/delete", Map.of()).statusCode())
                .isEqualTo(302);
        assertThat(operator.session().get(suggestions + "/").body()).doesNotContain("/hours").contains("/часы");
    }
}
