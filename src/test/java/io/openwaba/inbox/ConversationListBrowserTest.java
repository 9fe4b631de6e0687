package io.openwaba.inbox;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.openwaba.support.ConsoleBrowser;
import io.openwaba.support.ConsolePageTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A customer writes on the sandbox network; the operators of that business see the conversation, and no one else. */
class ConversationListBrowserTest extends ConsolePageTest {


    @Test
    void theOperatorSeesWhatTheCustomerWroteAsText() {
        var info = http.get("/sandbox/info", null).json();
        var customer = newCustomer();
        var hostile = "<img src=x onerror=alert(1)> hi " + randomDigits(6);
        var written = http.post("/sandbox/customers/" + customer + "/messages", null, Map.of(
                "to", info.get("phone_number_id").asString(), "type", "text", "text", Map.of("body", hostile)));
        assertThat(written.status()).as(written.body()).isEqualTo(201);
        http.post("/sandbox/customers/" + customer + "/messages", null, Map.of(
                "to", info.get("phone_number_id").asString(), "type", "text", "text", Map.of("body", "are you there?")));

        signIn(info.at("/console/operator/login").asString(), info.at("/console/operator/password").asString());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Conversations")).click();
        var row = page.locator("[data-test=conversation]", new Page.LocatorOptions().setHasText("+" + customer));
        assertThat(row).containsText("are you there?");
        assertThat(row.locator(".unread")).hasText("2");
        assertThat(row).containsText("Waiting");
        assertThat(page.locator("img")).hasCount(0);
        page.screenshot(new Page.ScreenshotOptions().setPath(ConsoleBrowser.screenshot("console-conversations")));
    }

    @Test
    void anOperatorOfAnotherBusinessDoesNotSeeIt() {
        var info = http.get("/sandbox/info", null).json();
        var customer = newCustomer();
        http.post("/sandbox/customers/" + customer + "/messages", null, Map.of(
                "to", info.get("phone_number_id").asString(), "type", "text", "text", Map.of("body", "for the demo shop")));
        var other = onboard();
        var login = "other-" + randomDigits(6) + "@shop.example";
        assertThat(http.post("/api/businesses/" + other.businessId() + "/console-users", other.token(), Map.of(
                "login", login, "display_name", "Other", "role", "OPERATOR", "password", "other-password-1"))
                .status()).isEqualTo(201);
        customerWrites(newCustomer(), other, "for the other shop");

        signIn(login, "other-password-1");
        page.navigate(url("/console/conversations"));
        assertThat(page.locator("[data-test=conversation]")).hasCount(1);
        assertThat(page.locator("[data-test=conversation]")).containsText("for the other shop");
        assertThat(page.locator("main")).not().containsText(customer);
    }

}
