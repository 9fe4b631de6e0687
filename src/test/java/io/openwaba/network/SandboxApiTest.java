package io.openwaba.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.PlatformTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxApiTest extends PlatformTest {

    @Test
    void infoDescribesTheDemoBusinessCreatedAtFirstStart() {
        var info = http.get("/sandbox/info", null).json();

        assertThat(info.get("base_url").asString()).isEqualTo("http://localhost:" + port);
        assertThat(info.get("graph_version").asString()).matches("v\\d+\\.\\d+");
        assertThat(info.get("access_token").asString()).isEqualTo(DEMO_TOKEN);
        assertThat(info.get("app_secret").asString()).isNotBlank();
        assertThat(info.get("customers").size()).isGreaterThanOrEqualTo(3);
        assertThat(info.get("customers").valueStream().map(c -> c.get("country").asString()).distinct().count())
                .isGreaterThanOrEqualTo(3);

        var number = http.get("/v21.0/" + info.get("phone_number_id").asString()
                + "?fields=status,messaging_limit_tier,display_phone_number", DEMO_TOKEN).json();
        assertThat(number.get("status").asString()).isEqualTo("CONNECTED");
        assertThat(number.get("messaging_limit_tier").asString()).isEqualTo("TIER_1K");
        assertThat(number.get("display_phone_number").asString())
                .isEqualTo(info.get("display_phone_number").asString());
        var numbers = http.get("/v21.0/" + info.get("waba_id").asString() + "/phone_numbers", DEMO_TOKEN).json();
        assertThat(numbers.get("data")).hasSize(1);
        var business = http.get("/api/businesses/" + info.get("business_id").asString(), DEMO_TOKEN).json();
        assertThat(business.get("verified").asBoolean()).isTrue();

        var profile = http.get("/v21.0/" + info.get("phone_number_id").asString() + "/whatsapp_business_profile",
                DEMO_TOKEN).json();
        assertThat(profile.at("/data/0/vertical").asString()).isEqualTo("RETAIL");
        var products = http.get("/api/catalogs/" + info.get("catalog_id").asString() + "/products", DEMO_TOKEN).json();
        assertThat(products.size()).as("the demo catalog's products").isEqualTo(3);
        var templates = http.get("/v21.0/" + info.get("waba_id").asString() + "/message_templates?status=APPROVED",
                DEMO_TOKEN).json().get("data");
        assertThat(templates.valueStream().map(t -> t.get("category").asString()).toList())
                .containsExactlyInAnyOrder("UTILITY", "AUTHENTICATION", "MARKETING");
    }

    @Test
    void customersJoinWithAValidNumberAndTheirCountryComesFromIt() {
        var waId = "55119" + randomDigits(8);
        var created = http.post("/sandbox/customers", null, Map.of("wa_id", "+55 (11) " + waId.substring(4, 9) + "-"
                + waId.substring(9), "name", "Maria"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("wa_id").asString()).isEqualTo(waId);
        assertThat(created.json().get("country").asString()).isEqualTo("BR");

        assertThat(http.post("/sandbox/customers", null, Map.of("wa_id", waId, "name", "Again")).status())
                .isEqualTo(409);
        assertThat(http.post("/sandbox/customers", null, Map.of("wa_id", "123", "name", "Bad")).status())
                .isEqualTo(400);
        // A valid but non-geographic number (+800) has no country to take: refused, not a 500.
        assertThat(http.post("/sandbox/customers", null, Map.of("wa_id", "+80012345678", "name", "Freephone"))
                .status()).isEqualTo(400);
        assertThat(http.post("/sandbox/customers", null, Map.of("wa_id", "+4915112345670", "name", "X", "country", "FR"))
                .json().get("detail").asString()).contains("DE");
        assertThat(http.get("/sandbox/customers/" + waId, null).json().get("name").asString()).isEqualTo("Maria");
        assertThat(http.get("/sandbox/customers/491000", null).status()).isEqualTo(404);
    }

    @Test
    void aCustomerMessageToAnUnknownNumberOrWithoutTextIsRefused() {
        var customer = newCustomer();
        assertThat(http.post("/sandbox/customers/" + customer + "/messages", null,
                Map.of("to", "111", "type", "text", "text", Map.of("body", "hi"))).status()).isEqualTo(404);
        var tenant = onboard();
        assertThat(http.post("/sandbox/customers/" + customer + "/messages", null,
                Map.of("to", tenant.phoneNumberId(), "type", "text", "text", Map.of())).status()).isEqualTo(400);
        assertThat(http.post("/sandbox/customers/" + customer + "/messages", null,
                Map.of("to", tenant.phoneNumberId(), "type", "poll")).status()).isEqualTo(400);
        assertThat(http.get("/sandbox/customers/" + customer + "/messages", null).json()).isEmpty();
    }

    @Test
    void theClockMovesForwardOnly() {
        var before = Instant.parse(http.get("/sandbox/clock", null).json().get("now").asString());
        advanceClock(Duration.ofHours(2));
        var after = Instant.parse(http.get("/sandbox/clock", null).json().get("now").asString());
        assertThat(Duration.between(before, after)).isGreaterThanOrEqualTo(Duration.ofHours(2));

        assertThat(http.post("/sandbox/clock/advance", null, Map.of("duration", "-PT1H")).status()).isEqualTo(400);
        assertThat(http.post("/sandbox/clock/advance", null, Map.of("duration", "tomorrow")).status()).isEqualTo(400);
        assertThat(http.post("/sandbox/clock/advance", null, Map.of()).status()).isEqualTo(400);
    }
}
