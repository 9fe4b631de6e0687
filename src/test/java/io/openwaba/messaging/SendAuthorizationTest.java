package io.openwaba.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.PlatformTest;
import org.junit.jupiter.api.Test;

class SendAuthorizationTest extends PlatformTest {

    @Test
    void aBadTokenIsRefusedWith190() {
        var tenant = onboard();
        var customer = newCustomer();
        customerWrites(customer, tenant, "hi");
        var response = http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", "not-a-token",
                java.util.Map.of("messaging_product", "whatsapp", "to", customer, "text", java.util.Map.of("body", "x")));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo(190);
        assertThat(response.json().at("/error/type").asString()).isEqualTo("OAuthException");
    }

    @Test
    void aMissingTokenIsRefusedWith190() {
        var tenant = onboard();
        assertThat(http.get("/v21.0/" + tenant.phoneNumberId(), null).errorCode()).isEqualTo(190);
    }

    @Test
    void anotherBusinesssNumberAnswersAsIfItDidNotExist() {
        var mine = onboard();
        var theirs = onboard();
        var customer = newCustomer();
        customerWrites(customer, theirs, "hi");

        var send = http.post("/v21.0/" + theirs.phoneNumberId() + "/messages", mine.token(),
                java.util.Map.of("messaging_product", "whatsapp", "to", customer, "text", java.util.Map.of("body", "x")));
        var read = http.get("/v21.0/" + theirs.phoneNumberId(), mine.token());
        var list = http.get("/v21.0/" + theirs.wabaId() + "/phone_numbers", mine.token());
        var missing = http.get("/v21.0/" + "999999999999999", mine.token());

        for (var response : java.util.List.of(send, read, list, missing)) {
            assertThat(response.status()).as(response.body()).isEqualTo(400);
            assertThat(response.errorCode()).isEqualTo(100);
            assertThat(response.json().at("/error/error_subcode").asInt()).isEqualTo(33);
            assertThat(response.json().at("/error/type").asString()).isEqualTo("GraphMethodException");
        }
        // Word for word the answer for an id that does not exist, but for the id itself.
        assertThat(read.json().at("/error/message").asString()).isEqualTo(missing.json().at("/error/message")
                .asString().replace("999999999999999", theirs.phoneNumberId()));
    }

    @Test
    void aRevokedTokenStopsWorking() {
        var tenant = onboard();
        assertThat(http.get("/v21.0/" + tenant.phoneNumberId(), tenant.token()).status()).isEqualTo(200);
        var tokens = http.get("/api/businesses/" + tenant.businessId() + "/tokens", ADMIN_TOKEN).json();
        var tokenId = tokens.get(0).get("id").asString();

        assertThat(http.delete("/api/tokens/" + tokenId, ADMIN_TOKEN).status()).isEqualTo(204);

        assertThat(http.get("/v21.0/" + tenant.phoneNumberId(), tenant.token()).errorCode()).isEqualTo(190);
    }
}
