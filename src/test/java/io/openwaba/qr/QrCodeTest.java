package io.openwaba.qr;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import io.openwaba.support.PlatformTest;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** QR codes and short links through the Graph API, their images, and a simulated customer opening one. */
class QrCodeTest extends PlatformTest {

    private Tenant tenant;

    @BeforeEach
    void setUp() {
        tenant = onboard();
    }

    @Test
    void aCreatedCodeHasADeepLinkAndAPngThatScansToIt() throws Exception {
        var created = http.post(path(), tenant.token(), Map.of("prefilled_message", "Cyber Monday", "generate_qr_image", "PNG"));

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        var code = created.json().get("code").asString();
        assertThat(code).matches("[A-Z0-9]{14}");
        assertThat(created.json().get("prefilled_message").asString()).isEqualTo("Cyber Monday");
        assertThat(created.json().get("deep_link_url").asString()).isEqualTo("https://wa.me/message/" + code);

        var image = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                created.json().get("qr_image_url").asString())).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        var picture = ImageIO.read(new ByteArrayInputStream(image.body()));
        int[] pixels = picture.getRGB(0, 0, picture.getWidth(), picture.getHeight(), null, 0, picture.getWidth());
        var scanned = new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(picture.getWidth(), picture.getHeight(), pixels))));
        assertThat(scanned.getText()).isEqualTo("https://wa.me/message/" + code);
    }

    @Test
    void theClientsVariantsCreateListReadUpdateAndDelete() {
        var byQuery = http.post(path() + "?prefilled_message=Hello%20shop&generate_qr_image=svg", tenant.token(), Map.of());
        assertThat(byQuery.status()).as(byQuery.body()).isEqualTo(200);
        var code = byQuery.json().get("code").asString();
        assertThat(byQuery.json().get("qr_image_url").asString()).endsWith("/qr/" + code + ".svg");
        var svg = http.get(byQuery.json().get("qr_image_url").asString().replaceAll("^https?://[^/]+", ""), null);
        assertThat(svg.body()).startsWith("<svg").contains("<path");

        var listed = http.get(path() + "?fields=code,prefilled_message,qr_image_url.format(SVG)", tenant.token());
        assertThat(listed.json().at("/data/0/code").asString()).isEqualTo(code);
        assertThat(listed.json().at("/data/0/qr_image_url").asString()).endsWith(".svg");
        assertThat(listed.json().at("/data/0").has("deep_link_url")).isFalse();

        var bodyUpdate = http.post(path(), tenant.token(), Map.of("code", code, "prefilled_message", "Hi again"));
        assertThat(bodyUpdate.json().get("prefilled_message").asString()).isEqualTo("Hi again");
        assertThat(bodyUpdate.json().has("qr_image_url")).isFalse();
        var pathUpdate = http.post(path() + "/" + code + "?prefilled_message=Third", tenant.token(), Map.of());
        assertThat(pathUpdate.status()).as(pathUpdate.body()).isEqualTo(200);
        assertThat(http.get(path() + "/" + code, tenant.token()).json().at("/data/0/prefilled_message").asString())
                .isEqualTo("Third");

        var deleted = http.delete(path() + "/" + code, tenant.token());
        assertThat(deleted.json().get("success").asBoolean()).isTrue();
        assertThat(http.get(path() + "/" + code, tenant.token()).errorCode()).isEqualTo(100);
        assertThat(http.get("/qr/" + code + ".png", null).status()).isEqualTo(400);
    }

    @Test
    void badInputAndOtherBusinessesAreRefused() {
        var tooLong = http.post(path(), tenant.token(), Map.of("prefilled_message", "x".repeat(141)));
        var missing = http.post(path(), tenant.token(), Map.of("generate_qr_image", "PNG"));
        var badFormat = http.post(path(), tenant.token(), Map.of("prefilled_message", "hi", "generate_qr_image", "GIF"));
        var code = http.post(path(), tenant.token(), Map.of("prefilled_message", "mine")).json().get("code").asString();
        var other = onboard();

        assertThat(tooLong.errorCode()).isEqualTo(100);
        assertThat(tooLong.json().at("/error/message").asString()).contains("at most 140");
        assertThat(missing.errorCode()).isEqualTo(131008);
        assertThat(badFormat.errorCode()).isEqualTo(100);
        assertThat(http.get("/v21.0/" + other.phoneNumberId() + "/message_qrdls/" + code, other.token()).errorCode())
                .isEqualTo(100);
        assertThat(http.get(path(), other.token()).errorCode()).isEqualTo(100);
    }

    @Test
    void aCustomerOpeningTheLinkSendsThePrefilledMessage() {
        var receiver = subscribe(tenant);
        var link = http.post(path(), tenant.token(), Map.of("prefilled_message", "I want the Cyber Monday deal"))
                .json().get("deep_link_url").asString();
        var customer = newCustomer();

        var opened = http.post("/sandbox/customers/" + customer + "/open-link", null, Map.of("url", link));

        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        eventually(() -> assertThat(receiver.inboundMessages()).anySatisfy(delivery -> {
            assertThat(delivery.value().at("/messages/0/from").asString()).isEqualTo(customer);
            assertThat(delivery.value().at("/messages/0/text/body").asString()).isEqualTo("I want the Cyber Monday deal");
        }));
        assertThat(sendText(tenant, customer, "Here it is").status()).as("the window is open").isEqualTo(200);
        assertThat(http.post("/sandbox/customers/" + customer + "/open-link", null,
                Map.of("url", "https://wa.me/message/NOSUCHCODE0000")).status()).isEqualTo(404);
    }

    private String path() {
        return "/v21.0/" + tenant.phoneNumberId() + "/message_qrdls";
    }
}
