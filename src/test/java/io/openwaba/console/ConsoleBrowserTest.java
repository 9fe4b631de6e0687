package io.openwaba.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.openwaba.support.ConsoleBrowser;
import io.openwaba.support.ConsolePageTest;
import org.junit.jupiter.api.Test;

/** The console's sign-in, clicked through in Chromium as a person would. */
class ConsoleBrowserTest extends ConsolePageTest {


    @Test
    void theOperatorSignsInAndOut() {
        var console = http.get("/sandbox/info", null).json().get("console");
        page.navigate(url("/"));
        assertThat(page).hasURL(url("/console/login"));
        page.screenshot(new Page.ScreenshotOptions().setPath(ConsoleBrowser.screenshot("console-sign-in")));
        page.getByLabel("E-mail").fill(console.at("/operator/login").asString());
        page.getByLabel("Password").fill(console.at("/operator/password").asString());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();

        assertThat(page).hasURL(url("/console"));
        assertThat(page.locator("[data-test=user]")).hasText("Olga Operator (operator@demo-shop.example)");
        assertThat(page.locator("[data-test=business]")).hasText("Demo Shop");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("You have signed out.");
        page.navigate(url("/console"));
        assertThat(page).hasURL(url("/console/login"));
    }

    @Test
    void aWrongPasswordIsToldOnThePageAndTheKeyboardReachesEveryField() {
        page.navigate(url("/console/login"));
        assertThat(page.getByLabel("E-mail")).isFocused();
        page.keyboard().type("operator@demo-shop.example");
        page.keyboard().press("Tab");
        assertThat(page.getByLabel("Password")).isFocused();
        page.keyboard().type("not-the-password");
        page.keyboard().press("Enter");
        assertThat(page.getByRole(AriaRole.ALERT)).hasText("Wrong e-mail or password.");
        assertThat(page).hasURL(url("/console/login?error"));
    }

    @Test
    void inRussianTheBusinessAdminSignsIn() {
        var console = http.get("/sandbox/info", null).json().get("console");
        page.navigate(url("/console/login"));
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Русский")).click();
        assertThat(page.getByRole(AriaRole.HEADING)).hasText("Вход");
        page.getByLabel("Эл. почта").fill(console.at("/business_admin/login").asString());
        page.getByLabel("Пароль").fill(console.at("/business_admin/password").asString());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Войти")).click();
        assertThat(page.getByRole(AriaRole.HEADING)).hasText("Консоль");
        assertThat(page.locator("[data-test=role]")).hasText("Администратор компании");
        assertThat(page.locator("html")).hasAttribute("lang", "ru");
        page.screenshot(new Page.ScreenshotOptions().setPath(ConsoleBrowser.screenshot("console-home-ru")));
    }

    @Test
    void theBusinessAdminAddsAnOperatorWhoThenSignsIn() {
        var console = http.get("/sandbox/info", null).json().get("console");
        signIn(console.at("/business_admin/login").asString(), console.at("/business_admin/password").asString());
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Team: the business's console users")).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Team").setExact(true)))
                .isVisible();

        var login = "ivan-" + randomDigits(6) + "@demo-shop.example";
        page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("<img src=x onerror=alert(1)>");
        page.getByLabel("E-mail").fill("not an address");
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("short");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add")).click();
        assertThat(page.locator("#login-error")).hasText("Enter an e-mail address.");
        assertThat(page.locator("#password-error")).hasText("The password must have at least 12 characters and at most 72 bytes.");
        assertThat(page.getByLabel("E-mail")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))).hasValue("<img src=x onerror=alert(1)>");
        assertThat(page.locator("tbody")).not().containsText("not an address");

        page.getByLabel("E-mail").fill(login);
        page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill("ivans-password-1");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).hasText("<img src=x onerror=alert(1)> can sign in now.");
        assertThat(page.locator("[data-test=member]", new Page.LocatorOptions().setHasText(login)))
                .containsText("<img src=x onerror=alert(1)>");
        assertThat(page.locator("img")).hasCount(0);
        page.getByLabel("Team name").fill("Support " + login);
        page.locator("[data-test=new-team]").getByLabel("<img src=x onerror=alert(1)>").first().check();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the team")).click();
        assertThat(page.locator("[data-test=team-saved]")).hasText("The team Support " + login + " is saved.");
        var team = page.locator("[data-test=team]", new Page.LocatorOptions().setHasText("Support " + login));
        assertThat(team.getByLabel("<img src=x onerror=alert(1)>").first()).isChecked();
        page.getByLabel("Team name").fill("Support " + login.toUpperCase());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create the team")).click();
        assertThat(page.locator("#team-name-error")).hasText("The business already has a team of this name.");
        assertThat(page.locator("img")).hasCount(0);
        page.screenshot(new Page.ScreenshotOptions().setPath(ConsoleBrowser.screenshot("console-team")));

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Back to the console")).click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        signIn(login, "ivans-password-1");
        assertThat(page.locator("[data-test=role]")).hasText("Operator");
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Team: the business's console users")))
                .hasCount(0);
        var teamPage = page.navigate(url("/console/team"));
        assertThat(teamPage.status()).as("an operator is told the team page does not exist").isEqualTo(404);
    }

}
