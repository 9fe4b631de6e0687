package io.openwaba.inbox;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import io.openwaba.support.ConsolePageTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Files from the reply box in the browser: a photo reaches the customer with its caption; a file WhatsApp refuses is explained. */
class AttachmentBrowserTest extends ConsolePageTest {

    @Test
    void anOperatorSendsAPhotoWithACaptionAndIsToldWhyAnotherFileIsRefused() throws IOException {
        var tenant = onboard();
        var login = "olga-" + randomDigits(6) + "@shop.example";
        http.post("/api/businesses/" + tenant.businessId() + "/console-users", tenant.token(), Map.of("login", login,
                "display_name", "Olga", "role", "OPERATOR", "password", "olgas-password-1"));
        signIn(login, "olgas-password-1");
        var customer = newCustomer();
        customerWrites(customer, tenant, "Can I see the colour?");
        page.navigate(url("/console/conversations"));
        page.getByTestId("conversation").filter(new Locator.FilterOptions().setHasText("+" + customer))
                .getByRole(AriaRole.LINK).click();

        page.getByTestId("send-attachment").click();
        assertThat(page.getByTestId("attachment-error")).hasText("Choose a file first.");

        page.getByLabel("Send a file").setInputFiles(new FilePayload("setup.exe", "application/octet-stream",
                "MZ\u0090\u0000 not a document".getBytes(StandardCharsets.ISO_8859_1)));
        page.getByTestId("send-attachment").click();
        assertThat(page.getByTestId("attachment-error")).containsText("WhatsApp does not take this file");
        assertThat(page.getByLabel("Send a file")).hasAttribute("aria-invalid", "true");

        page.getByLabel("Send a file").setInputFiles(new FilePayload("colour.png", "image/png", png()));
        page.getByLabel("Caption (optional)").fill("This <b>teal</b> one");
        page.getByTestId("send-attachment").click();
        var sent = page.getByTestId("message").last();
        assertThat(sent).containsText("This <b>teal</b> one");
        assertThat(sent.locator("img.media-preview")).isVisible();

        var received = http.get("/sandbox/customers/" + customer + "/messages", null).json();
        var last = received.get(received.size() - 1);
        assertThat(last.get("type").asString()).isEqualTo("image");
        assertThat(last.get("payload").asString()).contains("This <b>teal</b> one");
    }

    private static byte[] png() throws IOException {
        var image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 8; x++) {
            for (int y = 0; y < 8; y++) {
                image.setRGB(x, y, 0x2a9d8f);
            }
        }
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
