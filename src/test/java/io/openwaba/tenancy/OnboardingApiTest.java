package io.openwaba.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.PlatformTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnboardingApiTest extends PlatformTest {

    @Test
    void theAdminOnboardsABusinessThatThenSeesOnlyItsOwn() {
        var tenant = onboard();
        var other = onboard();

        var business = http.get("/api/businesses/" + tenant.businessId(), tenant.token());
        assertThat(business.status()).isEqualTo(200);
        assertThat(business.json().get("verified").asBoolean()).isTrue();
        assertThat(http.get("/api/businesses", tenant.token()).json()).hasSize(1);
        assertThat(http.get("/api/businesses/" + tenant.businessId() + "/wabas", tenant.token()).json()).hasSize(1);
        assertThat(http.get("/api/wabas/" + tenant.wabaId() + "/phone-numbers", tenant.token()).json()).hasSize(1);

        for (var path : new String[] {"/api/businesses/" + other.businessId(), "/api/wabas/" + other.wabaId(),
                "/api/wabas/" + other.wabaId() + "/phone-numbers", "/api/phone-numbers/" + other.phoneNumberId(),
                "/api/businesses/" + other.businessId() + "/wabas", "/api/wabas/" + other.wabaId() + "/webhook"}) {
            var response = http.get(path, tenant.token());
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.json().get("title").asString()).isEqualTo("Not found");
        }
        assertThat(http.get("/api/businesses", ADMIN_TOKEN).json().size()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void onlyTheAdminMayOnboard() {
        var tenant = onboard();
        var response = http.post("/api/businesses", tenant.token(), Map.of("name", "Sneaky"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(http.post("/api/businesses/" + tenant.businessId() + "/verify", tenant.token(), Map.of()).status())
                .isEqualTo(403);
        assertThat(http.post("/api/businesses/" + tenant.businessId() + "/tokens", tenant.token(), Map.of()).status())
                .isEqualTo(403);
    }

    @Test
    void aNewBusinessIsUnverifiedAndItsNumbersStartAtTier50() {
        var business = http.post("/api/businesses", ADMIN_TOKEN, Map.of("name", "Fresh Startup")).json();
        assertThat(business.get("verified").asBoolean()).isFalse();
        var waba = http.post("/api/businesses/" + business.get("id").asString() + "/wabas", ADMIN_TOKEN,
                Map.of("name", "Main")).json();
        var number = http.post("/api/wabas/" + waba.get("id").asString() + "/phone-numbers", ADMIN_TOKEN,
                Map.of("phone_number", "+49 176 " + randomDigits(8), "verified_name", "Fresh")).json();
        assertThat(number.get("messaging_limit_tier").asString()).isEqualTo("TIER_50");
        assertThat(number.get("status").asString()).isEqualTo("CONNECTED");
        assertThat(number.get("country").asString()).isEqualTo("DE");
    }

    @Test
    void tokensAreShownOnceAndListedWithoutTheirValue() {
        var tenant = onboard();
        var issued = http.post("/api/businesses/" + tenant.businessId() + "/tokens", ADMIN_TOKEN,
                Map.of("label", "ci")).json();
        var value = issued.get("access_token").asString();
        assertThat(value).hasSizeGreaterThan(30);
        var listed = http.get("/api/businesses/" + tenant.businessId() + "/tokens", ADMIN_TOKEN);
        assertThat(listed.body()).doesNotContain(value).contains("\"label\":\"ci\"");
        assertThat(http.get("/v21.0/" + tenant.phoneNumberId(), value).status()).isEqualTo(200);
    }

    @Test
    void badInputIsAProblemDetailAndChangesNothing() {
        int before = http.get("/api/businesses", ADMIN_TOKEN).json().size();
        var cases = new Object[][] {
                {"/api/businesses", "{\"name\":\"\"}", 400},
                {"/api/businesses", "{\"name\":\"x\",\"notification_email\":\"not-an-email\"}", 400},
                {"/api/businesses", "{not json", 400},
                {"/api/businesses", "[]", 400},
                {"/api/businesses/000/wabas", "{\"name\":\"x\"}", 404},
        };
        for (Object[] c : cases) {
            var response = http.post((String) c[0], ADMIN_TOKEN, c[1]);
            assertThat(response.status()).as(c[1].toString()).isEqualTo(c[2]);
            assertThat(response.json().has("title")).isTrue();
            assertThat(response.json().get("status").asInt()).isEqualTo(c[2]);
        }
        var tenant = onboard();
        var badNumber = http.post("/api/wabas/" + tenant.wabaId() + "/phone-numbers", ADMIN_TOKEN,
                Map.of("phone_number", "12345", "verified_name", "X"));
        assertThat(badNumber.status()).isEqualTo(400);
        assertThat(badNumber.json().get("detail").asString()).contains("not a valid international phone number");
        var duplicate = http.post("/api/wabas/" + tenant.wabaId() + "/phone-numbers", ADMIN_TOKEN,
                Map.of("phone_number", "+" + tenant.numberWaId(), "verified_name", "X"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(http.get("/api/businesses", ADMIN_TOKEN).json().size()).isEqualTo(before + 1);
        assertThat(http.get("/api/businesses", "nope").status()).isEqualTo(401);
    }

    @Test
    void theOpenApiDocumentDescribesTheManagementApi() {
        var document = http.get("/api/openapi", null);
        assertThat(document.status()).isEqualTo(200);
        assertThat(document.json().get("paths").has("/api/businesses")).isTrue();
        assertThat(document.body()).doesNotContain("\"name\":\"caller\"")
                .contains("notification_email").doesNotContain("notificationEmail");
    }

    @Test
    void anOverlongTokenLabelIsAProblemDetailAndIssuesNoToken() {
        var tenant = onboard();
        var refused = http.post("/api/businesses/" + tenant.businessId() + "/tokens", ADMIN_TOKEN,
                Map.of("label", "x".repeat(201)));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(http.get("/api/businesses/" + tenant.businessId() + "/tokens", ADMIN_TOKEN).json().size())
                .isEqualTo(1);
    }
}
