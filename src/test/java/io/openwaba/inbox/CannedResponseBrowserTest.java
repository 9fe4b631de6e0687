package io.openwaba.inbox;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.openwaba.support.ConsoleBrowser;
import io.openwaba.support.ConsolePageTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Canned responses in the browser: the admin adds one, and typing its /shortcut in the reply box fills the answer. */
class CannedResponseBrowserTest extends ConsolePageTest {

    @Test
    void aShortcutTypedInTheReplyBoxFillsTheCannedAnswerWhichIsSent() {
        var tenant = onboard();
        var login = "admin-" + randomDigits(6) + "@shop.example";
        http.post("/api/businesses/" + tenant.businessId() + "/console-users", tenant.token(), Map.of("login", login,
                "display_name", "Ada Admin", "role", "BUSINESS_ADMIN", "password", "adas-password-1"));
        signIn(login, "adas-password-1");
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Canned responses")).click();

        page.getByLabel("Shortcut").fill("/opening hours");
        page.getByLabel("Text").fill("We are open <b>9 to 18</b>, Monday to Friday.");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add")).click();
        assertThat(page.locator("#shortcut-error")).hasText("Enter 1 to 30 letters, digits, - or _.");
        assertThat(page.getByLabel("Text")).hasValue("We are open <b>9 to 18</b>, Monday to Friday.");
        page.getByLabel("Shortcut").fill("/Hours");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add")).click();
        assertThat(page.getByTestId("saved")).hasText("The canned response /hours is saved.");
        assertThat(page.getByTestId("canned")).containsText("We are open <b>9 to 18</b>");

        var customer = newCustomer();
        customerWrites(customer, tenant, "When are you open?");
        page.navigate(url("/console/conversations"));
        page.getByTestId("conversation").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHasText("+" + customer)).getByRole(AriaRole.LINK).click();
        var reply = page.getByLabel("Reply", new Page.GetByLabelOptions().setExact(true));
        reply.pressSequentially("/ho");
        page.getByTestId("canned-suggestion").click();
        assertThat(reply).hasValue("We are open <b>9 to 18</b>, Monday to Friday.");
        page.getByTestId("send").click();
        assertThat(page.getByTestId("message").last()).containsText("We are open <b>9 to 18</b>, Monday to Friday.");
        page.screenshot(new Page.ScreenshotOptions().setPath(ConsoleBrowser.screenshot("console-canned")));

        reply = page.getByLabel("Reply", new Page.GetByLabelOptions().setExact(true));
        reply.pressSequentially("/nothing");
        page.waitForTimeout(500);
        assertThat(page.getByTestId("canned-suggestion")).hasCount(0);
    }
}
