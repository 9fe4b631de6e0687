package io.openwaba.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.AppProcess;
import io.openwaba.support.Http;
import io.openwaba.support.PlatformTest;
import io.openwaba.support.TestTemplates;
import io.openwaba.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code openwaba.policy.profile=meta-2025}, on an instance of its own: one limit per business
 * shared by its numbers (TIER_250 first), at most 2 numbers unverified, an upgrade at half the
 * limit used with GREEN quality, announced by {@code business_capability_update}.
 */
class Meta2025ProfileTest {

    private static AppProcess app;
    private static Http http;

    @BeforeAll
    static void start() throws Exception {
        app = AppProcess.start(List.of("--openwaba.policy.profile=meta-2025",
                "--openwaba.numbers.health-interval=200ms", "--openwaba.webhooks.poll-interval=10ms",
                "--openwaba.webhooks.jitter=0"));
        http = app.http();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void theNumbersOfABusinessShareOneLimitThatRisesAtHalfUsed() {
        var admin = PlatformTest.ADMIN_TOKEN;
        var created = http.post("/api/businesses", admin, Map.of("name", "Portfolio shop"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var business = created.json();
        var businessId = business.get("id").asString();
        var wabaId = http.post("/api/businesses/" + businessId + "/wabas", admin, Map.of("name", "Main")).json()
                .get("id").asString();
        var first = register(wabaId, "+4917655500001").get("id").asString();
        var second = register(wabaId, "+4917655500002").get("id").asString();
        var third = http.post("/api/wabas/" + wabaId + "/phone-numbers", admin,
                Map.of("phone_number", "+4917655500003", "verified_name", "Portfolio shop"));
        assertThat(third.status()).isEqualTo(409);
        assertThat(third.json().get("detail").asString()).contains("business " + businessId).contains("(2)");
        var token = http.post("/api/businesses/" + businessId + "/tokens", admin, Map.of("label", "t")).json()
                .get("access_token").asString();
        try (var receiver = new WebhookReceiver("verify-meta", business.get("app_secret").asString())) {
            assertThat(http.post("/v21.0/" + wabaId + "/subscribed_apps", token, Map.of("override_callback_uri",
                    receiver.url(), "verify_token", receiver.verifyToken())).status()).isEqualTo(200);
            TestTemplates.approved(http, wabaId, token, "portfolio_news");
            for (String number : List.of(first, second)) {
                assertThat(http.put("/api/phone-numbers/" + number + "/throughput", admin,
                        Map.of("messages_per_second", 1000)).status()).isEqualTo(200);
                var graph = http.get("/v21.0/" + number
                        + "?fields=whatsapp_business_manager_messaging_limit,messaging_limit_tier", token).json();
                assertThat(graph.get("whatsapp_business_manager_messaging_limit").asString()).isEqualTo("TIER_250");
            }

            for (int i = 0; i < 250; i++) {
                var from = i < 150 ? first : second;
                assertThat(send(token, from, "4915230" + String.format("%05d", i)).status()).isEqualTo(200);
            }
            var refused = send(token, first, "491523099999");
            assertThat(refused.errorCode()).as("the second number used the same limit").isEqualTo(131048);
            assertThat(refused.body()).contains("TIER_250").contains("250 of 250");

            var view = http.post("/api/phone-numbers/" + second + "/health/evaluate", token, Map.of()).json();
            assertThat(view.get("profile").asString()).isEqualTo("meta-2025");
            assertThat(view.get("messaging_limit_tier").asString()).isEqualTo("TIER_2K");
            assertThat(http.get("/v21.0/" + first + "?fields=whatsapp_business_manager_messaging_limit", token)
                    .json().get("whatsapp_business_manager_messaging_limit").asString()).isEqualTo("TIER_2K");
            assertThat(send(token, first, "491523099999").status()).isEqualTo(200);
            PlatformTest.eventually(() -> {
                assertThat(receiver.values("business_capability_update")).anySatisfy(value -> assertThat(
                        value.get("max_daily_conversations_per_business").asString()).isEqualTo("TIER_2K"));
                assertThat(receiver.values("phone_number_quality_update")).anySatisfy(value -> {
                    assertThat(value.get("event").asString()).isEqualTo("UPGRADE");
                    assertThat(value.get("max_daily_conversations_per_business").asString()).isEqualTo("TIER_2K");
                    assertThat(value.has("current_limit")).isFalse();
                });
            });
        }
    }

    private static JsonNode register(String wabaId, String phone) {
        var response = http.post("/api/wabas/" + wabaId + "/phone-numbers", PlatformTest.ADMIN_TOKEN,
                Map.of("phone_number", phone, "verified_name", "Portfolio shop"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static Http.Response send(String token, String from, String to) {
        return TestTemplates.send(http, from, token, "portfolio_news", to);
    }
}
