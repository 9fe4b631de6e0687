package io.openwaba.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.Http;
import io.openwaba.support.PlatformTest;
import io.openwaba.support.TestTemplates;
import io.openwaba.support.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Number health end to end through HTTP on the sandbox clock: tier 0, verification, an
 * upgrade from reach, blocks to RED and FLAGGED, then the tier drop after 7 days; each step is
 * seen in the Graph API, the health view and the webhooks.
 */
class NumberHealthScenarioTest extends PlatformTest {

    @Test
    void aNumberClimbsTiersByReachAndDropsOneAfterSevenDaysFlagged() {
        var tenant = onboardUnverified();
        var receiver = subscribe(tenant);
        var template = approvedTemplate(tenant);
        assertThat(number(tenant).get("messaging_limit_tier").asString()).isEqualTo("TIER_50");
        assertThat(http.put("/api/phone-numbers/" + tenant.phoneNumberId() + "/throughput", ADMIN_TOKEN,
                Map.of("messages_per_second", 1000)).status()).isEqualTo(200);

        var firstFifty = customers("4915210", 50);
        firstFifty.forEach(waId -> assertThat(sendTemplate(tenant, template, waId).status()).isEqualTo(200));
        var refused = sendTemplate(tenant, template, "491521099999");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo(131048);
        assertThat(refused.json().at("/error/error_data/details").asString())
                .contains("TIER_50").contains("50 of 50").contains("Capacity frees at");
        assertThat(sendTemplate(tenant, template, firstFifty.get(0)).status())
                .as("a customer already reached in the window does not count again").isEqualTo(200);

        assertThat(http.post("/api/businesses/" + tenant.businessId() + "/verify", ADMIN_TOKEN, Map.of()).status())
                .isEqualTo(200);
        assertThat(number(tenant).get("messaging_limit_tier").asString()).isEqualTo("TIER_1K");
        awaitQualityEvent(receiver, "UPGRADE", "TIER_1K");

        var day1 = customers("4915211", 700);
        day1.forEach(waId -> assertThat(sendTemplate(tenant, template, waId).status()).isEqualTo(200));
        advanceClock(Duration.ofDays(1));
        customers("4915212", 700).forEach(waId -> assertThat(sendTemplate(tenant, template, waId).status()).isEqualTo(200));
        advanceClock(Duration.ofDays(1));
        var day3 = new ArrayList<String>();
        for (int i = 0; i < 600; i++) {
            day3.add(i < 210 ? newCustomer() : "4915213" + String.format("%05d", i));
        }
        day3.forEach(waId -> assertThat(sendTemplate(tenant, template, waId).status()).isEqualTo(200));

        var upgraded = evaluate(tenant);
        assertThat(upgraded.get("messaging_limit_tier").asString()).isEqualTo("TIER_10K");
        assertThat(upgraded.get("customers_reached_7d").asInt()).isEqualTo(2_050);
        var tierEntry = history(upgraded, "TIER", "TIER_10K");
        assertThat(tierEntry.at("/figures/customers_reached_7d").asInt()).isEqualTo(2_050);
        awaitQualityEvent(receiver, "UPGRADE", "TIER_10K");
        assertThat(number(tenant).get("messaging_limit_tier").asString()).isEqualTo("TIER_10K");

        day3.subList(0, 210).forEach(waId -> assertThat(http.post("/sandbox/customers/" + waId + "/block", null,
                Map.of("phone_number_id", tenant.phoneNumberId())).status()).isEqualTo(200));
        var flagged = evaluate(tenant);
        assertThat(flagged.get("quality_rating").asString()).isEqualTo("RED");
        assertThat(flagged.get("status").asString()).isEqualTo("FLAGGED");
        var quality = history(flagged, "QUALITY", "RED");
        assertThat(quality.at("/figures/blocked").asInt()).isGreaterThanOrEqualTo(103);
        assertThat(quality.at("/figures/customers_reached").asInt()).isEqualTo(2_050);
        assertThat(quality.get("reason").asString()).contains("of customers reached blocked or reported");
        awaitQualityEvent(receiver, "FLAGGED", "TIER_10K");
        assertThat(number(tenant).get("quality_rating").asString()).isEqualTo("RED");

        advanceClock(Duration.ofDays(6));
        assertThat(evaluate(tenant).get("status").asString()).as("still within 7 days").isEqualTo("FLAGGED");
        advanceClock(Duration.ofDays(1));
        var dropped = evaluate(tenant);
        assertThat(dropped.get("status").asString()).isEqualTo("CONNECTED");
        assertThat(dropped.get("messaging_limit_tier").asString()).isEqualTo("TIER_1K");
        assertThat(history(dropped, "TIER", "TIER_1K").get("from").asString()).isEqualTo("TIER_10K");
        awaitQualityEvent(receiver, "DOWNGRADE", "TIER_1K");
        var downgrade = receiver.values("phone_number_quality_update").stream().filter(v -> v.get("event").asString().equals("DOWNGRADE"))
                .findFirst().orElseThrow();
        assertThat(downgrade.get("old_limit").asString()).isEqualTo("TIER_10K");
        assertThat(downgrade.get("display_phone_number").asString()).isEqualTo(tenant.numberWaId());
    }

    private String approvedTemplate(Tenant tenant) {
        TestTemplates.approved(http, tenant.wabaId(), tenant.token(), "shipping_news");
        return "shipping_news";
    }

    private Http.Response sendTemplate(Tenant tenant, String name, String to) {
        return TestTemplates.send(http, tenant.phoneNumberId(), tenant.token(), name, to);
    }

    private static List<String> customers(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + String.format("%05d", i)).toList();
    }

    private JsonNode number(Tenant tenant) {
        return http.get("/v21.0/" + tenant.phoneNumberId()
                + "?fields=messaging_limit_tier,quality_rating,status", tenant.token()).json();
    }

    private JsonNode evaluate(Tenant tenant) {
        var response = http.post("/api/phone-numbers/" + tenant.phoneNumberId() + "/health/evaluate", tenant.token(),
                Map.of());
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode history(JsonNode view, String kind, String to) {
        for (JsonNode entry : view.get("history")) {
            if (entry.get("kind").asString().equals(kind) && to.equals(entry.get("to").asString())) {
                return entry;
            }
        }
        throw new AssertionError("no " + kind + " entry to " + to + " in " + view.get("history"));
    }

    private static void awaitQualityEvent(WebhookReceiver receiver, String event, String limit) {
        eventually(() -> assertThat(receiver.values("phone_number_quality_update")).anySatisfy(value -> {
            assertThat(value.get("event").asString()).isEqualTo(event);
            assertThat(value.get("current_limit").asString()).isEqualTo(limit);
        }));
    }
}
