package io.openwaba.inbox;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import io.openwaba.support.ConsoleBrowser;
import io.openwaba.support.ConsolePageTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The business admin's automation page in the browser: a refused form says why next to the field. */
class AutomationBrowserTest extends ConsolePageTest {

    @Test
    void theAdminSetsTheAutomatedReplyAndIsToldWhatIsWrong() {
        var tenant = onboard();
        var login = "admin-" + randomDigits(6) + "@shop.example";
        http.post("/api/businesses/" + tenant.businessId() + "/console-users", tenant.token(), Map.of("login", login,
                "display_name", "Ada Admin", "role", "BUSINESS_ADMIN", "password", "adas-password-1"));
        signIn(login, "adas-password-1");
        page.getByText("Automated replies").first().click();
        var form = page.getByTestId("automation");
        form.getByText("Answer new conversations automatically").click();
        form.getByLabel("Button to reach a person").fill("A button title that is far too long");
        form.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
        assertThat(page.getByTestId("field-error")).hasText("At most 20 characters.");
        assertThat(page.getByTestId("automation").getByLabel("Button to reach a person"))
                .hasAttribute("aria-invalid", "true");

        page.getByTestId("automation").getByLabel("Button to reach a person").fill("Talk to a person");
        page.getByTestId("automation").getByRole(com.microsoft.playwright.options.AriaRole.BUTTON).click();
        assertThat(page.getByTestId("saved")).containsText("are saved");
        assertThat(page.getByTestId("automation").getByLabel("Answer new conversations automatically")).isChecked();
        page.screenshot(new Page.ScreenshotOptions().setPath(ConsoleBrowser.screenshot("console-automation"))
                .setFullPage(true));
    }
}
