package io.openwaba.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A console test in the browser: a fresh context (no cookies) per test, in English unless switched. */
public abstract class ConsolePageTest extends PlatformTest {

    private BrowserContext context;
    protected Page page;

    @BeforeEach
    void openBrowser() {
        context = ConsoleBrowser.get().newContext(new Browser.NewContextOptions().setLocale("en-US"));
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        context.close();
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Signs in through the form and lands on the console's start page. */
    protected void signIn(String login, String password) {
        page.navigate(url("/console/login"));
        page.getByLabel("E-mail").fill(login);
        page.getByLabel("Password").fill(password);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page).hasURL(url("/console"));
    }
}
