package io.openwaba.inbox;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.openwaba.support.ConsoleBrowser;
import io.openwaba.support.ConsolePageTest;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The chat center as its people use it: a customer writes from the sandbox phone, the operator
 * sees it arrive without reloading, takes the conversation and answers; the phone shows the
 * answer delivered and read; a second operator cannot take it; after 25 hours only templates go.
 */
class ChatCenterBrowserTest extends ConsolePageTest {

    @Test
    void aCustomerFromThePhoneIsAnsweredByTheOperatorWhoTookTheConversation() {
        var info = http.get("/sandbox/info", null).json();
        var olga = page;
        signIn(olga, login(info, "operator"), password(info, "operator"));
        olga.navigate(url("/console/conversations"));
        var dialogs = new AtomicInteger();
        olga.onDialog(dialog -> {
            dialogs.incrementAndGet();
            dialog.dismiss();
        });

        var phone = newPage("en-US");
        var customer = "49152" + randomDigits(8);
        phone.navigate(url("/sandbox/phone"));
        phone.getByLabel("Name").fill("Mila Petrova");
        phone.getByLabel("WhatsApp number").fill("+" + customer);
        phone.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Join WhatsApp")).click();
        assertThat(phone.getByTestId("business-name")).hasText("Demo Shop");
        phone.getByLabel("Message").fill("Hello, is my order 1042 ready?");
        phone.getByTestId("phone-send").click();

        var row = olga.locator("[data-test=conversation]", new Page.LocatorOptions().setHasText("Mila Petrova"));
        assertThat(row).containsText("Hello, is my order 1042 ready?");
        row.getByRole(AriaRole.LINK).click();
        assertThat(olga.getByTestId("customer")).hasText("Mila Petrova");
        assertThat(olga.getByTestId("owner")).hasText("In the queue");
        olga.getByTestId("take").click();
        assertThat(olga.getByTestId("notice")).containsText("The conversation is yours");
        assertThat(olga.getByTestId("owner")).hasText("Olga Operator answers");
        assertThat(olga.getByTestId("window")).containsText("window open");

        olga.getByLabel("Reply").fill("Yes, *ready* since this morning.");
        olga.getByTestId("send").click();
        var answer = olga.locator("[data-test=message]", new Page.LocatorOptions().setHasText("since this morning"));
        assertThat(answer.locator("strong")).hasText("ready");

        var received = phone.locator("[data-test=phone-message]", new Page.LocatorOptions().setHasText("since this morning"));
        assertThat(received.getByTestId("phone-status")).hasText(java.util.regex.Pattern.compile("(delivered|read) ✓✓"));
        assertThat(received.getByTestId("phone-status")).hasText("read ✓✓");
        assertThat(answer).hasAttribute("data-status", "read");
        olga.screenshot(new Page.ScreenshotOptions().setPath(ConsoleBrowser.screenshot("console-conversation")));
        phone.screenshot(new Page.ScreenshotOptions().setPath(ConsoleBrowser.screenshot("sandbox-phone")));

        var ivan = newPage("en-US");
        var ivanLogin = "ivan-" + randomDigits(6) + "@demo-shop.example";
        assertThat(http.post("/api/businesses/" + info.get("business_id").asString() + "/console-users", DEMO_TOKEN,
                Map.of("login", ivanLogin, "display_name", "Ivan Second", "role", "OPERATOR",
                        "password", "ivans-password-1")).status()).isEqualTo(201);
        signIn(ivan, ivanLogin, "ivans-password-1");
        ivan.navigate(olga.url());
        ivan.getByTestId("take").click();
        assertThat(ivan.getByTestId("refusal")).hasText(
                "Olga Operator has taken this conversation: only they can answer it, or hand it back.");
        ivan.getByLabel("Reply").fill("I'll answer too");
        ivan.getByTestId("send").click();
        assertThat(ivan.getByTestId("reply-error")).containsText("Olga Operator has taken this conversation");
        assertThat(phone.locator("[data-test=phone-message]", new Page.LocatorOptions().setHasText("answer too")))
                .hasCount(0);

        phone.getByLabel("Move forward by").selectOption("PT25H");
        phone.getByTestId("advance").click();
        olga.reload();
        assertThat(olga.getByTestId("window")).containsText("window is closed");
        assertThat(olga.getByLabel("Reply")).hasCount(0);
        var template = olga.locator("[data-test=template]", new Page.LocatorOptions().setHasText("order_update"));
        template.locator("summary").click();
        template.getByLabel("{{1}}").fill("Mila");
        template.getByLabel("{{2}}").fill("1042");
        template.getByLabel("{{3}}").fill("ready for pickup");
        assertThat(template.getByTestId("preview")).hasText(
                "Hi Mila, your order 1042 is now ready for pickup. Thank you for shopping with us.");
        template.getByTestId("send-template").click();
        assertThat(olga.locator("[data-test=message]", new Page.LocatorOptions().setHasText(
                "your order 1042 is now ready for pickup"))).hasCount(1);
        assertThat(phone.locator("[data-test=phone-message]", new Page.LocatorOptions().setHasText(
                "your order 1042 is now ready for pickup"))).hasCount(1);

        var hostile = "<img src=x onerror=alert(1)> <a href=\"javascript:alert(2)\">click</a>";
        phone.getByLabel("Message").fill(hostile);
        phone.getByTestId("phone-send").click();
        var shown = olga.locator("[data-test=message]", new Page.LocatorOptions().setHasText("onerror=alert(1)"));
        assertThat(shown).containsText(hostile);
        assertThat(olga.locator(".history img")).hasCount(0);
        assertThat(olga.locator(".history a")).hasCount(0);
        assertThat(dialogs.get()).isZero();
    }

    @Test
    void anOperatorOfAnotherBusinessGetsNotFound() {
        var info = http.get("/sandbox/info", null).json();
        var customer = newCustomer();
        http.post("/sandbox/customers/" + customer + "/messages", null, Map.of(
                "to", info.get("phone_number_id").asString(), "type", "text", "text", Map.of("body", "private")));
        signIn(login(info, "operator"), password(info, "operator"));
        page.navigate(url("/console/conversations"));
        page.locator("[data-test=conversation]", new Page.LocatorOptions().setHasText("+" + customer))
                .getByRole(AriaRole.LINK).click();
        var conversationUrl = page.url();

        var other = onboard();
        var login = "other-" + randomDigits(6) + "@shop.example";
        assertThat(http.post("/api/businesses/" + other.businessId() + "/console-users", other.token(), Map.of(
                "login", login, "display_name", "Other", "role", "OPERATOR", "password", "other-password-1"))
                .status()).isEqualTo(201);
        var stranger = newPage("en-US");
        signIn(stranger, login, "other-password-1");
        var id = conversationUrl.substring(conversationUrl.lastIndexOf('/') + 1);
        for (var path : new String[] {"", "/messages?from=1", "/composer", "/template-preview?template=x"}) {
            var response = stranger.navigate(url("/console/conversations/" + id + path));
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(stranger.locator("body")).not().containsText("private");
        }
        var take = stranger.request().post(url("/console/conversations/" + id + "/take"));
        assertThat(take.status()).isIn(403, 404);
    }

    @Test
    void theConversationReadsInRussian() {
        var info = http.get("/sandbox/info", null).json();
        var customer = newCustomer();
        http.post("/sandbox/customers/" + customer + "/messages", null, Map.of(
                "to", info.get("phone_number_id").asString(), "type", "text", "text", Map.of("body", "Здравствуйте!")));
        var russian = page;
        signIn(russian, login(info, "operator"), password(info, "operator"));
        russian.navigate(url("/console/conversations?lang=ru"));
        russian.locator("[data-test=conversation]", new Page.LocatorOptions().setHasText("+" + customer))
                .getByRole(AriaRole.LINK).click();
        assertThat(russian.getByTestId("owner")).hasText("В очереди");
        assertThat(russian.getByTestId("take")).hasText("Взять");
        assertThat(russian.getByTestId("window")).containsText("Окно обслуживания открыто");
        russian.getByTestId("take").click();
        assertThat(russian.getByTestId("notice")).containsText("Диалог ваш");
        assertThat(russian.locator("[data-test=system-line]")).containsText("взял(а) диалог");
        russian.screenshot(new Page.ScreenshotOptions().setPath(ConsoleBrowser.screenshot("console-conversation-ru")));
    }

    private static String login(JsonNode info, String who) {
        return info.at("/console/" + who + "/login").asString();
    }

    private static String password(JsonNode info, String who) {
        return info.at("/console/" + who + "/password").asString();
    }
}
