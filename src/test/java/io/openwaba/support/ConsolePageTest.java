package io.openwaba.support;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A console test in the browser: a fresh context (no cookies) per test, in English unless switched. */
public abstract class ConsolePageTest extends PlatformTest {

    private final List<BrowserContext> contexts = new ArrayList<>();
    protected Page page;

    @BeforeEach
    void openBrowser() {
        page = newPage("en-US");
    }

    @AfterEach
    void closeBrowser() {
        contexts.forEach(BrowserContext::close);
        contexts.clear();
    }

    /** Another browser of its own (cookies, session), closed after the test: a second person at work. */
    protected Page newPage(String locale) {
        var context = ConsoleBrowser.get().newContext(new Browser.NewContextOptions().setLocale(locale));
        contexts.add(context);
        return context.newPage();
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Signs in through the form and lands on the console's start page. */
    protected void signIn(String login, String password) {
        signIn(page, login, password);
    }

    protected void signIn(Page in, String login, String password) {
        in.navigate(url("/console/login"));
        in.getByLabel("E-mail").fill(login);
        in.getByLabel("Password").fill(password);
        in.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(in).hasURL(url("/console"));
    }
}
