package io.openwaba.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.openwaba.support.PlatformTest;
import io.openwaba.tenancy.ConsoleUserProblem;
import io.openwaba.tenancy.ConsoleUsers;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Signing in to the console over HTTP, as a browser does it: cookies, the CSRF field, redirects. */
class ConsoleSignInTest extends PlatformTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    ConsoleUsers users;

    private HttpClient browser;

    @BeforeEach
    void newBrowser() {
        browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Test
    void aNewcomerIsLedFromTheRootToTheSignInPage() throws Exception {
        var root = get("/", null);
        assertThat(root.statusCode()).isEqualTo(302);
        assertThat(root.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console"));
        var console = get("/console", null);
        assertThat(console.statusCode()).isEqualTo(302);
        assertThat(console.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/console/login"));
        var login = get("/console/login", null);
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<h1>Sign in</h1>", "name=\"_csrf\"");
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
                csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(console.headers().allValues("Set-Cookie")).as("the session starts at the redirect").anySatisfy(
                cookie -> assertThat(cookie).startsWith("JSESSIONID=").contains("HttpOnly", "SameSite=Lax"));
    }

    @Test
    void theDemoOperatorSignsInWithThePrintedPasswordAndSignsOut() throws Exception {
        var console = http.get("/sandbox/info", null).json().get("console");
        var home = signIn(console.at("/operator/login").asString(), console.at("/operator/password").asString());
        assertThat(home.statusCode()).isEqualTo(302);
        var page = get("/console", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Olga Operator (operator@demo-shop.example)", "Operator", "Demo Shop");

        var signOut = post("/console/logout", "_csrf=" + csrfOf(page.body()));
        assertThat(signOut.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/console/login?signed-out"));
        assertThat(get("/console", null).statusCode()).isEqualTo(302);
    }

    @Test
    void aFormWithoutItsCsrfFieldIsRefused() throws Exception {
        var console = http.get("/sandbox/info", null).json().get("console");
        get("/console/login", null);
        var forged = post("/console/login", "username=" + console.at("/operator/login").asString()
                + "&password=" + console.at("/operator/password").asString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(get("/console", null).statusCode()).isEqualTo(302);
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne() throws Exception {
        var login = "locked-" + randomDigits(6) + "@shop.example";
        var tenant = onboard();
        users.create(tenant.businessId(), login, "Lena", "OPERATOR", "right-password-123");
        for (int i = 0; i < 4; i++) {
            assertThat(signIn(login, "wrong-" + i).headers().firstValue("Location").orElseThrow())
                    .endsWith("/console/login?error");
        }
        assertThat(signIn(login, "wrong-4").headers().firstValue("Location").orElseThrow())
                .endsWith("/console/login?locked");
        assertThat(signIn(login, "right-password-123").headers().firstValue("Location").orElseThrow())
                .endsWith("/console/login?locked");
        assertThat(get("/console/login?locked", null).body()).contains("this account is locked");
        assertThat(get("/console", null).statusCode()).isEqualTo(302);

        users.setPassword(login, "new-password-456");
        assertThat(signIn(login, "new-password-456").headers().firstValue("Location").orElseThrow())
                .endsWith("/console");
    }

    @Test
    void theConsoleSpeaksTheBrowsersLanguageAndSwitchesOnRequest() throws Exception {
        assertThat(get("/console/login", "ru-RU,ru;q=0.9").body()).contains("<h1>Вход</h1>", "lang=\"ru\"");
        assertThat(get("/console/login", "de-DE").body()).contains("<h1>Sign in</h1>");
        assertThat(get("/console/login?lang=ru", "en").body()).contains("<h1>Вход</h1>");
        assertThat(get("/console/login", "en").body()).as("the choice is remembered").contains("<h1>Вход</h1>");
        assertThat(get("/console/login?lang=xx", "en").statusCode()).isEqualTo(200);
        assertThat(get("/console/login?lang=en", "ru").body()).contains("<h1>Sign in</h1>");
    }

    @Test
    void unreadableInputGets400AndChangesNothing() throws Exception {
        assertThat(get("/console/login?x=%00", null).statusCode()).isEqualTo(400);
        assertThat(get("/console/login?x=%C3%28", null).statusCode()).isEqualTo(400);
        var nul = signIn("operator@demo-shop.example\u0000", "whatever-password");
        assertThat(nul.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?error");
        var huge = signIn("a@" + ".".repeat(200_000) + "@", "whatever-password");
        assertThat(huge.headers().firstValue("Location").orElseThrow()).endsWith("/console/login?error");
        var login = "long-" + randomDigits(6) + "@shop.example";
        var refused = catchThrowableOfType(ConsoleUserProblem.Refused.class,
                () -> users.create(onboard().businessId(), login, "Long", "OPERATOR", "ж".repeat(37)));
        assertThat(refused.problems()).containsExactly(ConsoleUserProblem.PASSWORD_INVALID);
        assertThat(users.byLogin(login)).isEmpty();
    }

    @Test
    void signInsSentSideBySideGetNoMoreGuessesThanTheLockAllows() throws Exception {
        var login = "parallel-" + randomDigits(6) + "@shop.example";
        users.create(onboard().businessId(), login, "Pat", "OPERATOR", "right-password-123");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        var outcomes = new java.util.concurrent.ConcurrentLinkedQueue<String>();
        for (int i = 0; i < 32; i++) {
            int n = i;
            pool.submit(() -> {
                var client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                        .followRedirects(HttpClient.Redirect.NEVER).build();
                var page = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/console/login"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                var answer = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/console/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(login, StandardCharsets.UTF_8)
                                + "&password=wrong-" + n + "&_csrf=" + csrfOf(page.body()))).build(),
                        HttpResponse.BodyHandlers.ofString());
                outcomes.add(answer.headers().firstValue("Location").orElse(""));
                return null;
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(outcomes).hasSize(32);
        assertThat(outcomes.stream().filter(l -> l.endsWith("?error")).count())
                .as("passwords actually checked").isLessThanOrEqualTo(5);
        assertThat(signIn(login, "right-password-123").headers().firstValue("Location").orElseThrow())
                .endsWith("/console/login?locked");
    }

    @Test
    void theGraphApiKeepsItsOwnErrorsBesideTheConsole() throws Exception {
        var unauthenticated = get("/v21.0/me", null);
        assertThat(unauthenticated.statusCode()).isEqualTo(400);
        assertThat(unauthenticated.body()).contains("\"error\"");
        assertThat(unauthenticated.headers().firstValue("Content-Security-Policy")).isEmpty();
    }

    private HttpResponse<String> signIn(String login, String password) throws Exception {
        var page = get("/console/login", null);
        return post("/console/login", "username=" + URLEncoder.encode(login, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + csrfOf(page.body()));
    }

    private static String csrfOf(String page) {
        var matcher = CSRF.matcher(page);
        assertThat(matcher.find()).as("the page has a CSRF field").isTrue();
        return URLEncoder.encode(matcher.group(1), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path, String language) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (language != null) {
            request.header("Accept-Language", language);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
