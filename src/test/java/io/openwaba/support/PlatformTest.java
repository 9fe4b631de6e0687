package io.openwaba.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole platform on a random port, over real HTTP, on H2 or PostgreSQL (see
 * {@link TestDatabase}). Every test onboards its own business through the admin API, so tests
 * share one running application without seeing each other's data.
 */
@Tag("database")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "openwaba.admin.token=" + PlatformTest.ADMIN_TOKEN,
        "openwaba.bootstrap.token=" + PlatformTest.DEMO_TOKEN,
        "openwaba.sandbox.sent-delay=20ms",
        "openwaba.sandbox.delivered-delay=40ms",
        "openwaba.sandbox.read-delay=60ms",
        "openwaba.sandbox.ack-poll-interval=10ms",
        "openwaba.messaging.dispatch-poll-interval=10ms",
        "openwaba.webhooks.poll-interval=10ms",
        "openwaba.webhooks.jitter=0",
        "openwaba.media.purge-interval=50ms",
        "openwaba.templates.review-poll-interval=20ms",
        "openwaba.templates.quality-interval=50ms",
        "openwaba.notices.poll-interval=50ms",
        "openwaba.numbers.health-interval=1s"
})
public abstract class PlatformTest {

    public static final String ADMIN_TOKEN = "test-admin-token-0123456789";
    public static final String DEMO_TOKEN = "test-demo-token-0123456789";

    @LocalServerPort
    protected int port;

    protected Http http;
    private final List<WebhookReceiver> receivers = new ArrayList<>();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        TestMail.register(registry);
    }

    @BeforeEach
    void connect() {
        http = new Http("http://localhost:" + port);
    }

    @AfterEach
    void closeReceivers() {
        receivers.forEach(WebhookReceiver::close);
    }

    /** A business as a newcomer gets it from the BSP: business, WABA, one number, a token. */
    public record Tenant(String businessId, String wabaId, String phoneNumberId, String numberWaId, String token,
                         String appSecret) {
    }

    protected Tenant onboard() {
        return onboard("ops@shop.example");
    }

    /** A tenant whose business has this notification address ({@code null}: none). */
    protected Tenant onboard(String notificationEmail) {
        return onboard(notificationEmail, true);
    }

    /** A tenant whose business is not verified yet: its number starts at the lowest tier. */
    protected Tenant onboardUnverified() {
        return onboard("ops@shop.example", false);
    }

    private Tenant onboard(String notificationEmail, boolean verified) {
        var request = new java.util.HashMap<String, Object>(Map.of("name", "Shop " + randomDigits(6)));
        if (notificationEmail != null) {
            request.put("notification_email", notificationEmail);
        }
        var business = http.post("/api/businesses", ADMIN_TOKEN, request);
        assertThat(business.status()).as(business.body()).isEqualTo(201);
        var businessId = business.json().get("id").asString();
        if (verified) {
            http.post("/api/businesses/" + businessId + "/verify", ADMIN_TOKEN, Map.of());
        }
        var waba = http.post("/api/businesses/" + businessId + "/wabas", ADMIN_TOKEN, Map.of("name", "Main"));
        assertThat(waba.status()).as(waba.body()).isEqualTo(201);
        var wabaId = waba.json().get("id").asString();
        var number = http.post("/api/wabas/" + wabaId + "/phone-numbers", ADMIN_TOKEN,
                Map.of("phone_number", "+49176" + randomDigits(8), "verified_name", "Shop"));
        assertThat(number.status()).as(number.body()).isEqualTo(201);
        var token = http.post("/api/businesses/" + businessId + "/tokens", ADMIN_TOKEN, Map.of("label", "test"));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        return new Tenant(businessId, wabaId, number.json().get("id").asString(),
                number.json().get("wa_id").asString(), token.json().get("access_token").asString(),
                business.json().get("app_secret").asString());
    }

    /** A new simulated customer on the network; returns its wa_id. */
    protected String newCustomer() {
        var waId = "49151" + randomDigits(8);
        var created = http.post("/sandbox/customers", null, Map.of("wa_id", "+" + waId, "name", "Customer " + waId));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return waId;
    }

    /** The customer writes to the business; returns the inbound wamid. */
    protected String customerWrites(String waId, Tenant tenant, String text) {
        var written = http.post("/sandbox/customers/" + waId + "/messages", null,
                Map.of("to", tenant.phoneNumberId(), "type", "text", "text", Map.of("body", text)));
        assertThat(written.status()).as(written.body()).isEqualTo(201);
        return written.json().get("id").asString();
    }

    protected WebhookReceiver subscribe(Tenant tenant) {
        var receiver = new WebhookReceiver("verify-" + randomDigits(6), tenant.appSecret());
        receivers.add(receiver);
        var response = http.post("/v21.0/" + tenant.wabaId() + "/subscribed_apps", tenant.token(),
                Map.of("override_callback_uri", receiver.url(), "verify_token", receiver.verifyToken()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return receiver;
    }

    protected WebhookReceiver newReceiver(String verifyToken, String appSecret) {
        var receiver = new WebhookReceiver(verifyToken, appSecret);
        receivers.add(receiver);
        return receiver;
    }

    protected Http.Response sendText(Tenant tenant, String to, String body) {
        return http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(),
                Map.of("messaging_product", "whatsapp", "to", to, "type", "text", "text", Map.of("body", body)));
    }

    /** {@code POST /{phone-number-id}/media}, multipart with {@code messaging_product}, {@code type} and {@code file}. */
    protected Http.Response uploadMedia(Tenant owner, String filename, String type, byte[] content) {
        return uploadMedia(http, owner, filename, type, content);
    }

    /** As above, on the given node. */
    protected static Http.Response uploadMedia(Http http, Tenant owner, String filename, String type, byte[] content) {
        var boundary = "----openwaba" + randomDigits(12);
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"messaging_product\"\r\n\r\n"
                + "whatsapp\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"type\"\r\n\r\n" + type
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return http.send(http.request("/v21.0/" + owner.phoneNumberId() + "/media", owner.token())
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    protected void advanceClock(Duration by) {
        var response = http.post("/sandbox/clock/advance", null, Map.of("duration", by.toString()));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** Retries an assertion until it holds or 20 seconds pass: webhooks arrive asynchronously. */
    public static void eventually(Runnable assertion) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(25);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    protected static String randomDigits(int count) {
        var out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(ThreadLocalRandom.current().nextInt(10));
        }
        return out.toString();
    }
}
