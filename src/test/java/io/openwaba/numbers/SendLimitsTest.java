package io.openwaba.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.Http;
import io.openwaba.support.PlatformTest;
import io.openwaba.support.TestTemplates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The number's throughput, the pair rate per customer, and RESTRICTED while RED at the limit. */
class SendLimitsTest extends PlatformTest {

    @Test
    void sendsOverTheNumbersThroughputAreRefusedWith130429() {
        var tenant = onboard();
        var customer = newCustomer();
        customerWrites(customer, tenant, "hi");
        assertThat(http.put("/api/phone-numbers/" + tenant.phoneNumberId() + "/throughput", ADMIN_TOKEN,
                Map.of("messages_per_second", 1)).status()).isEqualTo(200);
        var codes = new ArrayList<Integer>();
        for (int i = 0; i < 6; i++) {
            var response = sendText(tenant, customer, "message " + i);
            codes.add(response.status() == 200 ? 200 : response.errorCode());
        }
        assertThat(codes).contains(130429);
        assertThat(codes.stream().filter(code -> code == 200).count()).as("at most one per second").isLessThanOrEqualTo(2);
        var refusal = sendText(tenant, customer, "again");
        if (refusal.status() != 200) {
            assertThat(refusal.json().at("/error/error_data/details").asString()).contains("1 messages per second");
        }
    }

    @Test
    void aCustomerGetsABurstOf45ThenThePairRateLimitAnswers131056() {
        var tenant = onboard();
        var customer = newCustomer();
        customerWrites(customer, tenant, "hi");
        assertThat(http.put("/api/phone-numbers/" + tenant.phoneNumberId() + "/throughput", ADMIN_TOKEN,
                Map.of("messages_per_second", 1000)).status()).isEqualTo(200);
        for (int i = 0; i < 45; i++) {
            assertThat(sendText(tenant, customer, "burst " + i).status()).isEqualTo(200);
        }
        assertThat(sendText(tenant, customer, "one too many").errorCode()).isEqualTo(131056);
        var pairRate = health(tenant).get("pair_rate_limit");
        assertThat(pairRate.get("burst").asInt()).isEqualTo(45);
        assertThat(pairRate.get("interval").asString()).isEqualTo("PT6S");
        var other = newCustomer();
        customerWrites(other, tenant, "hello");
        assertThat(sendText(tenant, other, "another customer is not limited").status()).isEqualTo(200);
    }

    @Test
    void aRedNumberAtItsLimitIsRestrictedUntilTheWindowFreesCapacity() {
        var tenant = onboardUnverified();
        var receiver = subscribe(tenant);
        TestTemplates.approved(http, tenant.wabaId(), tenant.token(), "limit_notice");
        assertThat(http.put("/api/phone-numbers/" + tenant.phoneNumberId() + "/throughput", ADMIN_TOKEN,
                Map.of("messages_per_second", 1000)).status()).isEqualTo(200);
        var blockers = new ArrayList<String>();
        for (int i = 0; i < 50; i++) {
            var waId = i < 10 ? newCustomer() : "4915240" + String.format("%05d", i);
            if (i < 10) {
                blockers.add(waId);
            }
            assertThat(sendTemplate(tenant, waId).status()).isEqualTo(200);
        }
        blockers.forEach(waId -> http.post("/sandbox/customers/" + waId + "/report", null,
                Map.of("phone_number_id", tenant.phoneNumberId())));
        assertThat(evaluate(tenant).get("status").asString()).isEqualTo("FLAGGED");

        var refused = sendTemplate(tenant, "491524099999");
        assertThat(refused.errorCode()).isEqualTo(131048);
        var restricted = health(tenant);
        assertThat(restricted.get("status").asString()).isEqualTo("RESTRICTED");
        assertThat(restricted.get("capacity_frees_at").isNull()).isFalse();
        assertThat(sendTemplate(tenant, "491524000011").errorCode())
                .as("no business-initiated message at all while restricted").isEqualTo(131048);
        eventually(() -> assertThat(receiver.values("account_update")).anySatisfy(value -> {
            assertThat(value.get("event").asString()).isEqualTo("ACCOUNT_RESTRICTION");
            assertThat(value.at("/restriction_info/0/restriction_type").asString())
                    .isEqualTo("RESTRICTED_BIZ_INITIATED_MESSAGING");
        }));

        advanceClock(Duration.ofHours(24));
        assertThat(sendTemplate(tenant, "491524099999").status()).isEqualTo(200);
        var lifted = health(tenant);
        assertThat(lifted.get("status").asString()).isEqualTo("FLAGGED");
        assertThat(lifted.get("history").toString()).contains("the rolling 24-hour window freed capacity");
        eventually(() -> assertThat(receiver.values("account_update")).anySatisfy(value ->
                assertThat(value.get("restriction_info").isEmpty()).isTrue()));
    }

    private Http.Response sendTemplate(Tenant tenant, String to) {
        return TestTemplates.send(http, tenant.phoneNumberId(), tenant.token(), "limit_notice", to);
    }

    private JsonNode evaluate(Tenant tenant) {
        return http.post("/api/phone-numbers/" + tenant.phoneNumberId() + "/health/evaluate", tenant.token(), Map.of())
                .json();
    }

    private JsonNode health(Tenant tenant) {
        return http.get("/api/phone-numbers/" + tenant.phoneNumberId() + "/health", tenant.token()).json();
    }
}
