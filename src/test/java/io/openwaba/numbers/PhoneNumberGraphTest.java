package io.openwaba.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.PlatformTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PhoneNumberGraphTest extends PlatformTest {

    @Test
    void readsANumberWithMetasDefaultFields() {
        var tenant = onboard();
        var number = http.get("/v21.0/" + tenant.phoneNumberId(), tenant.token());

        assertThat(number.status()).isEqualTo(200);
        var json = number.json();
        assertThat(json.get("id").asString()).isEqualTo(tenant.phoneNumberId());
        assertThat(json.get("verified_name").asString()).isEqualTo("Shop");
        assertThat(json.get("display_phone_number").asString()).startsWith("+49 176");
        assertThat(json.get("quality_rating").asString()).isEqualTo("GREEN");
        assertThat(json.get("code_verification_status").asString()).isEqualTo("VERIFIED");
        assertThat(json.get("platform_type").asString()).isEqualTo("CLOUD_API");
        assertThat(json.at("/throughput/level").asString()).isEqualTo("STANDARD");
    }

    @Test
    void fieldsPicksWhatIsAskedAndIgnoresUnknownNames() {
        var tenant = onboard();
        var json = http.get("/v21.0/" + tenant.phoneNumberId()
                + "?fields=messaging_limit_tier,status,no_such_field", tenant.token()).json();

        assertThat(json.propertyNames()).containsExactlyInAnyOrder("messaging_limit_tier", "status", "id");
        assertThat(json.get("messaging_limit_tier").asString()).isEqualTo("TIER_1K");
        assertThat(json.get("status").asString()).isEqualTo("CONNECTED");
    }

    @Test
    void listsTheWabasNumbersWithCursorPaging() {
        var tenant = onboard();
        var second = http.post("/api/wabas/" + tenant.wabaId() + "/phone-numbers", ADMIN_TOKEN,
                Map.of("phone_number", "+49176" + randomDigits(8), "verified_name", "Shop Two"));
        assertThat(second.status()).isEqualTo(201);

        var firstPage = http.get("/v21.0/" + tenant.wabaId() + "/phone_numbers?limit=1", tenant.token()).json();
        assertThat(firstPage.get("data")).hasSize(1);
        var next = firstPage.at("/paging/next").asString();
        assertThat(next).startsWith("http://localhost:" + port + "/v21.0/" + tenant.wabaId() + "/phone_numbers")
                .contains("after=");

        var secondPage = http.get(next.substring(http.baseUrl().length()), tenant.token()).json();
        assertThat(secondPage.get("data")).hasSize(1);
        assertThat(secondPage.at("/paging").has("next")).isFalse();
        assertThat(secondPage.at("/data/0/id").asString()).isNotEqualTo(firstPage.at("/data/0/id").asString());
    }

    @Test
    void aBadCursorOrLimitIsAGraphError() {
        var tenant = onboard();
        assertThat(http.get("/v21.0/" + tenant.wabaId() + "/phone_numbers?after=not-a-cursor!", tenant.token()).errorCode())
                .isEqualTo(100);
        assertThat(http.get("/v21.0/" + tenant.wabaId() + "/phone_numbers?limit=-3", tenant.token()).errorCode())
                .isEqualTo(100);
    }
}
