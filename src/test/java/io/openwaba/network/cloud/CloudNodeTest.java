package io.openwaba.network.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.AppProcess;
import io.openwaba.support.Http;
import io.openwaba.support.MetaStandIn;
import io.openwaba.support.PlatformTest;
import io.openwaba.support.TestMail;
import io.openwaba.support.WebhookReceiver;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * Two real nodes over HTTP: this test's platform in sandbox mode plays Meta (its Graph API is
 * wire-compatible and it signs webhooks with the business's app secret), and a second openwaba
 * in cloud mode relays to it through a {@link MetaStandIn} that can inject faults. The cloud node
 * is started once and shared by every test class of the relay; it stops with the test JVM.
 */
abstract class CloudNodeTest extends PlatformTest {

    static final String VERIFY_TOKEN = "meta-verify-token-42";
    static AppProcess cloud;
    static MetaStandIn standIn;
    /** The Meta app (one business at "Meta", its app secret) whose webhooks the shared cloud node verifies. */
    static Tenant atMeta;
    /** A verified business holds at most 25 numbers per WABA at Meta; the suite needs more, so it opens more. */
    private static final int NUMBERS_PER_META_WABA = 25;
    private static String metaWabaId;
    private static int numbersInMetaWaba;
    private static int metaPort;

    Http cloudHttp;

    @BeforeEach
    void startCloudNode() throws Exception {
        if (cloud == null || metaPort != port) {
            stopCloudNode();
            metaPort = port;
            atMeta = onboard();
            standIn = new MetaStandIn("http://localhost:" + port);
            cloud = AppProcess.start(cloudArguments(atMeta));
            subscribeAtMeta(atMeta, cloud);
            metaWabaId = atMeta.wabaId();
            numbersInMetaWaba = 1;
            Runtime.getRuntime().addShutdownHook(new Thread(CloudNodeTest::stopCloudNode));
        }
        cloudHttp = cloud.http();
    }

    private static synchronized void stopCloudNode() {
        if (cloud != null) {
            try {
                cloud.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            standIn.close();
            cloud = null;
        }
    }

    /** A cloud node relaying to the stand-in, for the Meta app whose secret is that business's. */
    static List<String> cloudArguments(Tenant metaApp) {
        return List.of("--openwaba.network=cloud",
                "--openwaba.cloud.graph-url=" + standIn.url(),
                "--openwaba.cloud.request-timeout=2s",
                "--openwaba.cloud.broken-link-pause=1s",
                "--openwaba.cloud.graph-version=v21.0",
                "--openwaba.cloud.app-secret=" + metaApp.appSecret(),
                "--openwaba.cloud.verify-token=" + VERIFY_TOKEN,
                "--openwaba.cloud.secret-key=cloud-test-secret-key-0123",
                "--openwaba.webhooks.allow-private-targets=true",
                "--openwaba.webhooks.poll-interval=10ms",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + TestMail.smtpPort(),
                "--openwaba.notices.poll-interval=200ms",
                "--openwaba.messaging.dispatch-poll-interval=10ms");
    }

    /** "Meta" sends the WABA's webhooks to the cloud node. */
    void subscribeAtMeta(Tenant metaApp, AppProcess node) {
        subscribeAtMeta(metaApp.wabaId(), metaApp, node);
    }

    private void subscribeAtMeta(String wabaId, Tenant metaApp, AppProcess node) {
        var subscribed = http.post("/v21.0/" + wabaId + "/subscribed_apps", metaApp.token(),
                Map.of("override_callback_uri", node.http().baseUrl() + "/webhooks/meta", "verify_token", VERIFY_TOKEN));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(200);
    }

    /**
     * One more number of the business at "Meta" (one Meta app: one app secret, one business), in the
     * business's current WABA there, or in a new one subscribed to the cloud node when that is full.
     */
    synchronized Tenant numberAtMeta() {
        if (numbersInMetaWaba == NUMBERS_PER_META_WABA) {
            var waba = http.post("/api/businesses/" + atMeta.businessId() + "/wabas", ADMIN_TOKEN,
                    Map.of("name", "Main " + randomDigits(4)));
            assertThat(waba.status()).as(waba.body()).isEqualTo(201);
            metaWabaId = waba.json().get("id").asString();
            numbersInMetaWaba = 0;
            subscribeAtMeta(metaWabaId, atMeta, cloud);
        }
        var number = http.post("/api/wabas/" + metaWabaId + "/phone-numbers", ADMIN_TOKEN,
                Map.of("phone_number", "+49176" + randomDigits(8), "verified_name", "Shop"));
        assertThat(number.status()).as(number.body()).isEqualTo(201);
        numbersInMetaWaba++;
        return new Tenant(atMeta.businessId(), metaWabaId, number.json().get("id").asString(),
                number.json().get("wa_id").asString(), atMeta.token(), atMeta.appSecret());
    }

    /** The business as the BSP sets it up on the cloud node: its number linked to its number at Meta. */
    Tenant businessOnCloud(Tenant meta) {
        return businessOn(cloudHttp, meta);
    }

    static Tenant businessOn(Http cloudHttp, Tenant meta) {
        return businessOn(cloudHttp, meta, Map.of("name", "Cloud shop"));
    }

    /** As above, the business created with this body (a notification email, say). */
    static Tenant businessOn(Http cloudHttp, Tenant meta, Map<String, Object> businessBody) {
        var business = cloudHttp.post("/api/businesses", ADMIN_TOKEN, businessBody);
        var businessId = business.json().get("id").asString();
        cloudHttp.post("/api/businesses/" + businessId + "/verify", ADMIN_TOKEN, Map.of());
        var wabaId = cloudHttp.post("/api/businesses/" + businessId + "/wabas", ADMIN_TOKEN, Map.of("name", "Main"))
                .json().get("id").asString();
        var number = cloudHttp.post("/api/wabas/" + wabaId + "/phone-numbers", ADMIN_TOKEN,
                Map.of("phone_number", "+" + meta.numberWaId(), "verified_name", "Shop"));
        assertThat(number.status()).as(number.body()).isEqualTo(201);
        var numberId = number.json().get("id").asString();
        var token = cloudHttp.post("/api/businesses/" + businessId + "/tokens", ADMIN_TOKEN, Map.of("label", "t"))
                .json().get("access_token").asString();
        var linked = cloudHttp.put("/api/phone-numbers/" + numberId + "/cloud", ADMIN_TOKEN,
                Map.of("meta_phone_number_id", meta.phoneNumberId(), "meta_waba_id", meta.wabaId(),
                        "access_token", meta.token()));
        assertThat(linked.status()).as(linked.body()).isEqualTo(200);
        assertThat(linked.body()).doesNotContain(meta.token());
        assertThat(linked.json().get("status").asString()).isEqualTo("LINKED");
        return new Tenant(businessId, wabaId, numberId, meta.numberWaId(), token,
                business.json().get("app_secret").asString());
    }

    /** A business on the cloud node and a customer at "Meta" who wrote to it: the window is open on both. */
    record Conversation(Tenant meta, Tenant shop, WebhookReceiver webhooks, String customer) {
        String messagesPath() {
            return "/v21.0/" + meta.phoneNumberId() + "/messages";
        }
    }

    Conversation conversation() {
        var meta = numberAtMeta();
        return conversation(meta, businessOnCloud(meta));
    }

    Conversation conversation(Tenant meta, Tenant shop) {
        var webhooks = newReceiver("shop-verify-" + randomDigits(4), shop.appSecret());
        var subscribed = cloudHttp.post("/v21.0/" + shop.wabaId() + "/subscribed_apps", shop.token(),
                Map.of("override_callback_uri", webhooks.url(), "verify_token", webhooks.verifyToken()));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(200);
        var customer = newCustomer();
        customerWrites(customer, meta, "Hello");
        eventually(() -> assertThat(webhooks.inboundMessages()).hasSize(1));
        return new Conversation(meta, shop, webhooks, customer);
    }

    String reply(Conversation conversation, String text) {
        var reply = cloudHttp.post("/v21.0/" + conversation.shop().phoneNumberId() + "/messages",
                conversation.shop().token(), Map.of("messaging_product", "whatsapp", "to", conversation.customer(),
                        "type", "text", "text", Map.of("body", text)));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json().at("/messages/0/id").asString();
    }

    /** POSTs a body to the cloud node's /webhooks/meta signed with the Meta app's secret; the HTTP status. */
    int deliverSigned(byte[] body) {
        var signature = "sha256=" + io.openwaba.shared.Secrets.hmacSha256Hex(atMeta.appSecret(), body);
        return cloudHttp.send(cloudHttp.request("/webhooks/meta", null)
                .header("Content-Type", "application/json").header("X-Hub-Signature-256", signature)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))).status();
    }

    /** A recorded Meta payload of {@code src/test/resources/meta/}, its {@code ${NAME}} placeholders filled in. */
    static byte[] fixture(String name, Map<String, String> values) {
        String text;
        try (var in = CloudNodeTest.class.getResourceAsStream("/meta/" + name)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("no fixture " + name, e);
        }
        for (var value : values.entrySet()) {
            text = text.replace("${" + value.getKey() + "}", value.getValue());
        }
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static void raiseThroughput(Http node, String phoneNumberId) {
        var raised = node.put("/api/phone-numbers/" + phoneNumberId + "/throughput", ADMIN_TOKEN,
                Map.of("messages_per_second", 1000));
        assertThat(raised.status()).as(raised.body()).isEqualTo(200);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
