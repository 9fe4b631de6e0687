package io.openwaba.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.PlatformTest;
import io.openwaba.support.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class WebhookDeliveryTest extends PlatformTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCallbackThatDoesNotEchoTheChallengeIsRefusedAndNothingIsSaved() {
        var tenant = onboard();
        var receiver = newReceiver("right-token", tenant.appSecret());
        receiver.refuseChallenge();

        var graph = http.post("/v21.0/" + tenant.wabaId() + "/subscribed_apps", tenant.token(),
                Map.of("override_callback_uri", receiver.url(), "verify_token", "right-token"));
        assertThat(graph.status()).isEqualTo(400);
        assertThat(graph.errorCode()).isEqualTo(2200);
        assertThat(graph.json().at("/error/message").asString()).contains("Callback verification failed");

        var management = http.put("/api/wabas/" + tenant.wabaId() + "/webhook", tenant.token(),
                Map.of("callback_url", receiver.url(), "verify_token", "right-token"));
        assertThat(management.status()).isEqualTo(422);
        assertThat(management.json().get("detail").asString()).contains("hub.challenge");

        assertThat(http.get("/v21.0/" + tenant.wabaId() + "/subscribed_apps", tenant.token()).json().get("data"))
                .isEmpty();
        assertThat(http.get("/api/wabas/" + tenant.wabaId() + "/webhook", tenant.token()).status()).isEqualTo(404);
    }

    @Test
    void aWrongVerifyTokenIsRefused() {
        var tenant = onboard();
        var receiver = newReceiver("right-token", tenant.appSecret());
        var response = http.post("/v21.0/" + tenant.wabaId() + "/subscribed_apps", tenant.token(),
                Map.of("override_callback_uri", receiver.url(), "verify_token", "wrong-token"));
        assertThat(response.errorCode()).isEqualTo(2200);
        assertThat(response.json().at("/error/message").asString()).contains("HTTP 403");
    }

    @Test
    void subscribedAppsListsAndRemovesTheSubscription() {
        var tenant = onboard();
        var receiver = subscribe(tenant);
        var listed = http.get("/v21.0/" + tenant.wabaId() + "/subscribed_apps", tenant.token()).json();
        assertThat(listed.at("/data/0/override_callback_uri").asString()).isEqualTo(receiver.url());
        assertThat(listed.at("/data/0/whatsapp_business_api_data/name").asString()).isNotBlank();

        assertThat(http.delete("/v21.0/" + tenant.wabaId() + "/subscribed_apps", tenant.token()).json()
                .get("success").asBoolean()).isTrue();
        assertThat(http.get("/v21.0/" + tenant.wabaId() + "/subscribed_apps", tenant.token()).json().get("data"))
                .isEmpty();
    }

    @Test
    void aReceiverThatFailsThreeTimesThenRecoversGetsEveryEventOnceWithAStableId() {
        var tenant = onboard();
        var receiver = subscribe(tenant);
        receiver.failNext(3, 500);
        var customer = newCustomer();
        customerWrites(customer, tenant, "hello");
        var wamid = sendText(tenant, customer, "hi back").json().at("/messages/0/id").asString();

        eventually(() -> {
            advanceClock(Duration.ofMinutes(1));
            assertThat(receiver.accepted()).hasSize(4);
        });

        var accepted = receiver.accepted();
        var acceptedIds = accepted.stream().map(WebhookReceiver.Delivery::webhookId).toList();
        assertThat(acceptedIds).doesNotHaveDuplicates();
        var failedIds = receiver.deliveries().stream().filter(d -> d.answeredWith() != 200)
                .map(WebhookReceiver.Delivery::webhookId).toList();
        assertThat(failedIds).hasSize(3);
        assertThat(acceptedIds).containsAll(failedIds);
        assertThat(receiver.statusesOf(wamid)).containsExactlyInAnyOrder("sent", "delivered", "read");
        assertThat(receiver.inboundMessages()).hasSize(1);
        // The same event carries the same body on every attempt: receivers can deduplicate on webhook-id.
        for (var failed : receiver.deliveries().stream().filter(d -> d.answeredWith() != 200).toList()) {
            var retried = accepted.stream().filter(d -> d.webhookId().equals(failed.webhookId())).findFirst().orElseThrow();
            assertThat(retried.rawBody()).isEqualTo(failed.rawBody());
        }
        assertThat(receiver.deliveries()).allSatisfy(d -> {
            assertThat(d.signatureValid()).isTrue();
            assertThat(d.webhookSignature()).isEqualTo(standardSignature(tenant.appSecret(), d));
            // Replay protection compares with the receiver's real clock, not the sandbox's advanced one.
            assertThat(Long.parseLong(d.webhookTimestamp()))
                    .isCloseTo(java.time.Instant.now().getEpochSecond(), org.assertj.core.api.Assertions.within(120L));
        });
    }

    @Test
    void retryAfterIsHonoured() {
        var tenant = onboard();
        var receiver = subscribe(tenant);
        receiver.failNext(1, 503, "3600");
        var customer = newCustomer();
        customerWrites(customer, tenant, "hello");
        eventually(() -> assertThat(receiver.deliveries()).hasSize(1));
        // The retry time is set when the failed attempt is settled: advance the clock only after that.
        eventually(() -> assertThat(attemptsOf(tenant.wabaId())).isEqualTo(1));

        advanceClock(Duration.ofMinutes(30));
        sleepQuietly(300);
        assertThat(receiver.deliveries()).hasSize(1);

        advanceClock(Duration.ofMinutes(31));
        eventually(() -> assertThat(receiver.accepted()).hasSize(1));
    }

    @Test
    void goneDisablesTheSubscription() {
        var tenant = onboard();
        var receiver = subscribe(tenant);
        receiver.failNext(1, 410);
        var customer = newCustomer();
        customerWrites(customer, tenant, "hello");

        eventually(() -> {
            var webhook = http.get("/api/wabas/" + tenant.wabaId() + "/webhook", tenant.token()).json();
            assertThat(webhook.get("active").asBoolean()).isFalse();
            assertThat(webhook.get("disabled_reason").asString()).contains("410");
        });
        customerWrites(customer, tenant, "anyone?");
        sleepQuietly(300);
        assertThat(receiver.deliveries()).hasSize(1);
        assertThat(http.get("/v21.0/" + tenant.wabaId() + "/subscribed_apps", tenant.token()).json().get("data"))
                .isEmpty();
    }

    @Test
    void eventsThatNeverGetThroughBecomeDeadLettersThatCanBeReplayed() {
        var tenant = onboard();
        var receiver = subscribe(tenant);
        receiver.failNext(Integer.MAX_VALUE, 503);
        var customer = newCustomer();
        var wamid = customerWrites(customer, tenant, "hello");
        eventually(() -> assertThat(receiver.deliveries()).hasSize(1));
        eventually(() -> assertThat(attemptsOf(tenant.wabaId())).isEqualTo(1));

        advanceClock(Duration.ofDays(8));

        var deadPath = "/api/wabas/" + tenant.wabaId() + "/webhook/dead-letters";
        eventually(() -> assertThat(http.get(deadPath, tenant.token()).json()).hasSize(1));
        var dead = http.get(deadPath, tenant.token()).json().get(0);
        assertThat(dead.get("field").asString()).isEqualTo("messages");
        assertThat(dead.get("attempts").asInt()).isEqualTo(2);
        assertThat(dead.get("last_status").asInt()).isEqualTo(503);
        assertThat(dead.get("body").asString()).contains(wamid);

        receiver.failNext(0, 503);
        var replayed = http.post(deadPath + "/replay", tenant.token(), Map.of());
        assertThat(replayed.json().get("replayed").asInt()).isEqualTo(1);

        eventually(() -> assertThat(receiver.accepted()).hasSize(1));
        assertThat(receiver.accepted().get(0).webhookId()).isEqualTo(dead.get("event_id").asString());
        assertThat(http.get(deadPath, tenant.token()).json()).isEmpty();

        // Until the delivery is settled the event still counts as queued, and replaying it does nothing.
        var eventPath = "/api/wabas/" + tenant.wabaId() + "/webhook/events/" + dead.get("event_id").asString() + "/replay";
        eventually(() -> assertThat(http.post(eventPath, tenant.token(), Map.of()).json().get("replayed").asInt())
                .isEqualTo(1));
        eventually(() -> assertThat(receiver.accepted()).hasSize(2));
    }

    @Test
    void theManagementApiRegistersAWebhookForChosenFieldsWithItsOwnSecret() {
        var tenant = onboard();
        var receiver = newReceiver("mgmt-token", "a-secret-of-our-own");
        var registered = http.put("/api/wabas/" + tenant.wabaId() + "/webhook", ADMIN_TOKEN, Map.of(
                "callback_url", receiver.url(), "verify_token", "mgmt-token", "app_secret", "a-secret-of-our-own",
                "fields", List.of("messages")));
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(registered.json().get("fields").valueStream().map(f -> f.asString()).collect(Collectors.toList()))
                .containsExactly("messages");
        assertThat(registered.body()).doesNotContain("a-secret-of-our-own");

        customerWrites(newCustomer(), tenant, "hello");
        eventually(() -> assertThat(receiver.accepted()).hasSize(1));
        assertThat(receiver.accepted().get(0).signatureValid()).isTrue();

        var unknownField = http.put("/api/wabas/" + tenant.wabaId() + "/webhook", ADMIN_TOKEN, Map.of(
                "callback_url", receiver.url(), "verify_token", "mgmt-token", "fields", List.of("everything")));
        assertThat(unknownField.status()).isEqualTo(422);
        var notAUrl = http.put("/api/wabas/" + tenant.wabaId() + "/webhook", ADMIN_TOKEN, Map.of(
                "callback_url", "ftp://example.com/x", "verify_token", "mgmt-token"));
        assertThat(notAUrl.status()).isEqualTo(422);
    }

    private int attemptsOf(String wabaId) {
        return jdbc.sql("SELECT COALESCE(MAX(attempts), 0) FROM webhooks_delivery WHERE waba_id = :waba").param("waba", wabaId)
                .query(Integer.class).single();
    }

    private static String standardSignature(String secret, WebhookReceiver.Delivery delivery) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            var signed = delivery.webhookId() + "." + delivery.webhookTimestamp() + "." + delivery.rawBody();
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
