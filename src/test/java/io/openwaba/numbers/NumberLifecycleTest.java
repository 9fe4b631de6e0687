package io.openwaba.numbers;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.Http;
import io.openwaba.support.PlatformTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * A number's life after it is added, over HTTP: code verification, registration and review,
 * the number allowance, deregistration, migration, admin-set throughput and tier, the official
 * business account and the human agent rule; each step seen in the Graph API, the health view
 * and the webhooks.
 */
@ExtendWith(OutputCaptureExtension.class)
class NumberLifecycleTest extends PlatformTest {

    @Test
    void aNumberAddedThroughTheGraphApiIsVerifiedRegisteredAndApprovedAfterReview(CapturedOutput output) {
        var tenant = onboard();
        var receiver = subscribe(tenant);
        var added = http.post("/v21.0/" + tenant.wabaId() + "/phone_numbers", tenant.token(),
                Map.of("cc", "49", "phone_number", "176" + randomDigits(8), "verified_name", "Lifecycle Shop"));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        var id = added.json().get("id").asString();
        var fresh = graphNumber(id, tenant.token());
        assertThat(fresh.get("status").asString()).isEqualTo("UNVERIFIED");
        assertThat(fresh.get("code_verification_status").asString()).isEqualTo("NOT_VERIFIED");

        var unregisteredSend = http.post("/v21.0/" + id + "/messages", tenant.token(), Map.of("messaging_product",
                "whatsapp", "to", newCustomer(), "type", "text", "text", Map.of("body", "too early")));
        assertThat(unregisteredSend.status()).as(unregisteredSend.body()).isEqualTo(400);
        assertThat(unregisteredSend.errorCode()).isEqualTo(133010);

        var requested = postForm("/v21.0/" + id + "/request_code", tenant.token(), "code_method=SMS&language=en_US");
        assertThat(requested.status()).as(requested.body()).isEqualTo(200);
        assertThat(requested.json().get("success").asBoolean()).isTrue();
        var code = loggedCode(output, id);

        var wrong = http.post("/v21.0/" + id + "/verify_code?code=" + otherCode(code), tenant.token(), Map.of());
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.errorCode()).isEqualTo(100);
        assertThat(graphNumber(id, tenant.token()).get("code_verification_status").asString())
                .isEqualTo("NOT_VERIFIED");

        var verified = http.post("/v21.0/" + id + "/verify_code", tenant.token(), Map.of("code", code));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("success").asBoolean()).isTrue();
        assertThat(graphNumber(id, tenant.token()).get("code_verification_status").asString()).isEqualTo("VERIFIED");

        var registered = http.post("/v21.0/" + id + "/register", tenant.token(),
                Map.of("messaging_product", "whatsapp", "pin", "246810"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(registered.json().get("success").asBoolean()).isTrue();
        assertThat(graphNumber(id, tenant.token()).get("status").asString()).isEqualTo("PENDING");

        advanceClock(Duration.ofMinutes(2));
        eventually(() -> assertThat(graphNumber(id, tenant.token()).get("status").asString()).isEqualTo("CONNECTED"));
        eventually(() -> assertThat(receiver.values("account_review_update"))
                .anySatisfy(value -> assertThat(value.get("decision").asString()).isEqualTo("APPROVED")));
    }

    @Test
    void fiveWrongCodesVoidTheCode(CapturedOutput output) {
        var tenant = onboard();
        var added = http.post("/v21.0/" + tenant.wabaId() + "/phone_numbers", tenant.token(),
                Map.of("cc", "49", "phone_number", "176" + randomDigits(8), "verified_name", "Guessing Shop"));
        var id = added.json().get("id").asString();
        assertThat(http.post("/v21.0/" + id + "/request_code", tenant.token(), Map.of("code_method", "SMS")).status())
                .isEqualTo(200);
        var code = loggedCode(output, id);
        for (int attempt = 1; attempt <= 4; attempt++) {
            var wrong = http.post("/v21.0/" + id + "/verify_code", tenant.token(), Map.of("code", otherCode(code)));
            assertThat(wrong.body()).contains((5 - attempt) + " attempts left");
        }
        assertThat(http.post("/v21.0/" + id + "/verify_code", tenant.token(), Map.of("code", otherCode(code))).body())
                .contains("void");
        var late = http.post("/v21.0/" + id + "/verify_code", tenant.token(), Map.of("code", code));
        assertThat(late.errorCode()).as("the right code after five wrong ones").isEqualTo(100);
        assertThat(graphNumber(id, tenant.token()).get("code_verification_status").asString()).isEqualTo("NOT_VERIFIED");
    }

    @Test
    void aDisplayNameThatBreaksTheNamingRulesEndsTheReviewOfflineAndRejected(CapturedOutput output) {
        var tenant = onboard();
        var receiver = subscribe(tenant);
        var id = addVerifyAndRegister(tenant, "WhatsApp Deals", output);

        advanceClock(Duration.ofMinutes(2));
        eventually(() -> assertThat(graphNumber(id, tenant.token()).get("status").asString()).isEqualTo("OFFLINE"));
        var review = entry(health(id, tenant.token()), "STATUS", "OFFLINE");
        assertThat(review.get("from").asString()).isEqualTo("PENDING");
        assertThat(review.get("reason").asString()).contains("WhatsApp's or Meta's brands").contains("WhatsApp Deals");
        eventually(() -> assertThat(receiver.values("account_review_update"))
                .anySatisfy(value -> assertThat(value.get("decision").asString()).isEqualTo("REJECTED")));
    }

    @Test
    void anUnverifiedBusinessMayHaveTwoNumbersAndMoreOnceVerified() {
        var tenant = onboardUnverified();
        assertThat(addNumber(tenant.wabaId(), "Second Shop").status()).isEqualTo(201);

        var third = addNumber(tenant.wabaId(), "Third Shop");
        assertThat(third.status()).as(third.body()).isEqualTo(409);
        assertThat(third.json().get("detail").asString()).contains("unverified").contains("verify the business");
        assertThat(http.get("/api/wabas/" + tenant.wabaId() + "/phone-numbers", tenant.token()).json()).hasSize(2);

        var verified = http.post("/api/businesses/" + tenant.businessId() + "/verify", ADMIN_TOKEN, Map.of());
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        var afterVerification = addNumber(tenant.wabaId(), "Third Shop");
        assertThat(afterVerification.status()).as(afterVerification.body()).isEqualTo(201);
        assertThat(http.get("/api/wabas/" + tenant.wabaId() + "/phone-numbers", tenant.token()).json()).hasSize(3);
    }

    @Test
    void deregisteringNeedsTheNumberRepeatedThenDeletesItsHistory() {
        var tenant = onboard();
        var receiver = subscribe(tenant);
        var id = tenant.phoneNumberId();
        var before = health(id, tenant.token());
        assertThat(before.get("status").asString()).isEqualTo("CONNECTED");
        assertThat(before.get("history")).isNotEmpty();

        var unconfirmed = http.send(http.request("/api/phone-numbers/" + id + "/deregister", tenant.token())
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(unconfirmed.status()).as(unconfirmed.body()).isEqualTo(400);
        assertThat(unconfirmed.json().get("status").asInt()).isEqualTo(400);
        assertThat(unconfirmed.json().get("detail").asString()).contains("deletes its whole history")
                .contains("cannot be undone").contains("confirm=" + tenant.numberWaId());
        var graphUnconfirmed = http.post("/v21.0/" + id + "/deregister", tenant.token(), Map.of());
        assertThat(graphUnconfirmed.status()).as(graphUnconfirmed.body()).isEqualTo(400);
        assertThat(graphUnconfirmed.errorCode()).isEqualTo(100);
        assertThat(graphUnconfirmed.json().at("/error/message").asString()).contains("confirm=");
        var unchanged = health(id, tenant.token());
        assertThat(unchanged.get("status").asString()).isEqualTo("CONNECTED");
        assertThat(unchanged.get("history")).hasSameSizeAs(before.get("history"));

        var confirmed = http.post("/api/phone-numbers/" + id + "/deregister", tenant.token(),
                Map.of("confirm", tenant.numberWaId()));
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(confirmed.json().get("status").asString()).isEqualTo("OFFLINE");
        var after = health(id, tenant.token());
        assertThat(after.get("status").asString()).isEqualTo("OFFLINE");
        assertThat(after.get("history")).isEmpty();
        assertThat(graphNumber(id, tenant.token()).get("status").asString()).isEqualTo("OFFLINE");
        eventually(() -> assertThat(receiver.values("account_update")).anySatisfy(value -> {
            assertThat(value.get("event").asString()).isEqualTo("ACCOUNT_DELETED");
            assertThat(value.get("phone_number").asString()).isEqualTo(tenant.numberWaId());
        }));
    }

    @Test
    void anAdminMigratesANumberToAnotherWabaKeepingNameQualityAndTier() {
        var source = onboard();
        var target = onboard();
        var id = source.phoneNumberId();
        assertThat(http.put("/api/phone-numbers/" + id + "/messaging-limit", ADMIN_TOKEN,
                Map.of("tier", "TIER_10K")).status()).isEqualTo(200);

        var byBusiness = http.post("/api/phone-numbers/" + id + "/migrate", source.token(),
                Map.of("waba_id", target.wabaId()));
        assertThat(byBusiness.status()).as(byBusiness.body()).isEqualTo(403);
        var unknown = http.post("/api/phone-numbers/" + id + "/migrate", ADMIN_TOKEN,
                Map.of("waba_id", "9" + randomDigits(14)));
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).contains("WABA");

        var migrated = http.post("/api/phone-numbers/" + id + "/migrate", ADMIN_TOKEN,
                Map.of("waba_id", target.wabaId()));
        assertThat(migrated.status()).as(migrated.body()).isEqualTo(200);
        var listed = findById(http.get("/api/wabas/" + target.wabaId() + "/phone-numbers", target.token()).json(), id);
        assertThat(listed.get("waba_id").asString()).isEqualTo(target.wabaId());
        assertThat(listed.get("verified_name").asString()).isEqualTo("Shop");
        assertThat(listed.get("quality_rating").asString()).isEqualTo("GREEN");
        assertThat(listed.get("messaging_limit_tier").asString()).isEqualTo("TIER_10K");
        assertThat(http.get("/api/wabas/" + source.wabaId() + "/phone-numbers", ADMIN_TOKEN).json())
                .noneSatisfy(n -> assertThat(n.get("id").asString()).isEqualTo(id));
        var graph = graphNumber(id, target.token());
        assertThat(graph.get("verified_name").asString()).isEqualTo("Shop");
        assertThat(graph.get("messaging_limit_tier").asString()).isEqualTo("TIER_10K");
        var moved = entry(health(id, ADMIN_TOKEN), "MIGRATED", target.wabaId());
        assertThat(moved.get("from").asString()).isEqualTo(source.wabaId());
    }

    @Test
    void anAdminSetsThroughputAndMessagingLimitWithinTheirBounds() {
        var tenant = onboard();
        var receiver = subscribe(tenant);
        var path = "/api/phone-numbers/" + tenant.phoneNumberId();
        var tooFast = http.put(path + "/throughput", ADMIN_TOKEN, Map.of("messages_per_second", 1001));
        assertThat(tooFast.status()).as(tooFast.body()).isEqualTo(400);
        assertThat(tooFast.json().get("detail").asString()).contains("between 1 and 1000");
        assertThat(http.put(path + "/throughput", ADMIN_TOKEN, Map.of("messages_per_second", 0)).status())
                .isEqualTo(400);
        assertThat(http.put(path + "/throughput", tenant.token(), Map.of("messages_per_second", 500)).status())
                .isEqualTo(403);
        assertThat(graphNumber(tenant.phoneNumberId(), tenant.token()).at("/throughput/level").asString())
                .isEqualTo("STANDARD");
        var fast = http.put(path + "/throughput", ADMIN_TOKEN, Map.of("messages_per_second", 500));
        assertThat(fast.status()).as(fast.body()).isEqualTo(200);
        assertThat(fast.json().get("messages_per_second").asInt()).isEqualTo(500);
        assertThat(graphNumber(tenant.phoneNumberId(), tenant.token()).at("/throughput/level").asString())
                .isEqualTo("HIGH");

        var raised = http.put(path + "/messaging-limit", ADMIN_TOKEN, Map.of("tier", "TIER_100K"));
        assertThat(raised.status()).as(raised.body()).isEqualTo(200);
        assertThat(raised.json().get("messaging_limit_tier").asString()).isEqualTo("TIER_100K");
        assertThat(graphNumber(tenant.phoneNumberId(), tenant.token()).get("messaging_limit_tier").asString())
                .isEqualTo("TIER_100K");
        eventually(() -> assertThat(receiver.values("phone_number_quality_update")).anySatisfy(value -> {
            assertThat(value.get("event").asString()).isEqualTo("UPGRADE");
            assertThat(value.get("current_limit").asString()).isEqualTo("TIER_100K");
            assertThat(value.get("old_limit").asString()).isEqualTo("TIER_1K");
        }));
        var unknownTier = http.put(path + "/messaging-limit", ADMIN_TOKEN, Map.of("tier", "TIER_7"));
        assertThat(unknownTier.status()).as(unknownTier.body()).isEqualTo(400);
        assertThat(unknownTier.json().get("detail").asString())
                .contains("TIER_50", "TIER_1K", "TIER_10K", "TIER_100K", "TIER_UNLIMITED");
    }

    @Test
    void theOfficialBusinessAccountIsRequestedByTheBusinessAndDecidedByTheAdmin() {
        var tenant = onboard();
        var path = "/api/phone-numbers/" + tenant.phoneNumberId() + "/official-business-account";
        var requested = http.post(path, tenant.token(), Map.of());
        assertThat(requested.status()).as(requested.body()).isEqualTo(200);
        assertThat(requested.json().get("official_business_account").asString()).isEqualTo("PENDING");
        var again = http.post(path, tenant.token(), Map.of());
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().get("detail").asString()).contains("PENDING");
        assertThat(http.post(path + "/grant", tenant.token(), Map.of()).status()).isEqualTo(403);

        var granted = http.post(path + "/grant", ADMIN_TOKEN, Map.of());
        assertThat(granted.status()).as(granted.body()).isEqualTo(200);
        assertThat(granted.json().get("official_business_account").asString()).isEqualTo("APPROVED");
        assertThat(graphNumber(tenant.phoneNumberId(), tenant.token()).get("is_official_business_account").asBoolean())
                .isTrue();

        var other = addNumber(tenant.wabaId(), "Outlet").json().get("id").asString();
        var otherPath = "/api/phone-numbers/" + other + "/official-business-account";
        assertThat(http.post(otherPath, tenant.token(), Map.of()).status()).isEqualTo(200);
        var refused = http.post(otherPath + "/refuse", ADMIN_TOKEN, Map.of("reason", "not enough press coverage"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(200);
        assertThat(refused.json().get("official_business_account").asString()).isEqualTo("REFUSED");
        assertThat(entry(refused.json(), "OFFICIAL", "REFUSED").get("reason").asString())
                .isEqualTo("not enough press coverage");
        assertThat(graphNumber(other, tenant.token()).get("is_official_business_account").asBoolean()).isFalse();
    }

    @Test
    void aNumberWithoutHumanAgentForAWeekIsWarnedUntilOneIsSet() {
        var tenant = onboard();
        var path = "/api/phone-numbers/" + tenant.phoneNumberId();
        assertThat(health(tenant.phoneNumberId(), tenant.token()).get("human_agent").isNull()).isTrue();

        advanceClock(Duration.ofDays(8));
        var evaluated = http.post(path + "/health/evaluate", tenant.token(), Map.of());
        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);
        assertThat(evaluated.json().get("history")).anySatisfy(entry -> {
            assertThat(entry.get("kind").asString()).isEqualTo("WARNING");
            assertThat(entry.get("reason").asString()).contains("human agent");
        });

        var invalid = http.put(path + "/human-agent", tenant.token(), Map.of("human_agent", "not a contact"));
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.json().get("detail").asString()).contains("email address").contains("https://");
        var set = http.put(path + "/human-agent", tenant.token(), Map.of("human_agent", "https://shop.example/help"));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(health(tenant.phoneNumberId(), tenant.token()).get("human_agent").asString())
                .isEqualTo("https://shop.example/help");
    }

    @Test
    void aNumberWhoseBusinessHasOperatorsHasAHumanPathInTheChatCenter() {
        var tenant = onboard();
        var operator = http.post("/api/businesses/" + tenant.businessId() + "/console-users", tenant.token(), Map.of(
                "login", "op-" + randomDigits(6) + "@shop.example", "display_name", "Op", "role", "OPERATOR",
                "password", "a-long-password-1"));
        assertThat(operator.status()).as(operator.body()).isEqualTo(201);

        advanceClock(Duration.ofDays(8));
        var evaluated = http.post("/api/phone-numbers/" + tenant.phoneNumberId() + "/health/evaluate", tenant.token(),
                Map.of());
        assertThat(evaluated.status()).as(evaluated.body()).isEqualTo(200);
        assertThat(evaluated.json().get("history")).noneSatisfy(entry ->
                assertThat(entry.get("reason").asString("")).contains("human agent"));
    }

    /** Adds a number through the Graph API, verifies its code and registers it: PENDING review. */
    private String addVerifyAndRegister(Tenant tenant, String verifiedName, CapturedOutput output) {
        var added = http.post("/v21.0/" + tenant.wabaId() + "/phone_numbers", tenant.token(),
                Map.of("cc", "49", "phone_number", "176" + randomDigits(8), "verified_name", verifiedName));
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        var id = added.json().get("id").asString();
        var requested = http.post("/v21.0/" + id + "/request_code?code_method=SMS&language=en_US", tenant.token(),
                Map.of());
        assertThat(requested.status()).as(requested.body()).isEqualTo(200);
        var verified = http.post("/v21.0/" + id + "/verify_code", tenant.token(),
                Map.of("code", loggedCode(output, id)));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        var registered = http.post("/v21.0/" + id + "/register", tenant.token(),
                Map.of("messaging_product", "whatsapp", "pin", "135790"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(graphNumber(id, tenant.token()).get("status").asString()).isEqualTo("PENDING");
        return id;
    }

    /** The last verification code the sandbox logged for the number. */
    private static String loggedCode(CapturedOutput output, String phoneNumberId) {
        var pattern = Pattern.compile("Sandbox verification code for .+ \\((?:SMS|VOICE) to phone number id "
                + Pattern.quote(phoneNumberId) + "\\): (\\d{6})");
        var codes = new ArrayList<String>();
        eventually(() -> {
            var matcher = pattern.matcher(output.getAll());
            codes.clear();
            while (matcher.find()) {
                codes.add(matcher.group(1));
            }
            assertThat(codes).as("a logged verification code for " + phoneNumberId).isNotEmpty();
        });
        return codes.get(codes.size() - 1);
    }

    private static String otherCode(String code) {
        return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
    }

    private Http.Response postForm(String path, String token, String form) {
        return http.send(http.request(path, token).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private Http.Response addNumber(String wabaId, String verifiedName) {
        return http.post("/api/wabas/" + wabaId + "/phone-numbers", ADMIN_TOKEN,
                Map.of("phone_number", "+49176" + randomDigits(8), "verified_name", verifiedName));
    }

    private JsonNode graphNumber(String id, String token) {
        var response = http.get("/v21.0/" + id + "?fields=status,code_verification_status,verified_name,"
                + "quality_rating,messaging_limit_tier,throughput,is_official_business_account", token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode health(String id, String token) {
        var response = http.get("/api/phone-numbers/" + id + "/health", token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode entry(JsonNode view, String kind, String to) {
        for (JsonNode entry : view.get("history")) {
            if (entry.get("kind").asString().equals(kind) && to.equals(entry.get("to").asString())) {
                return entry;
            }
        }
        throw new AssertionError("no " + kind + " entry to " + to + " in " + view.get("history"));
    }

    private static JsonNode findById(JsonNode list, String id) {
        for (JsonNode item : list) {
            if (item.get("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no number " + id + " in " + list);
    }
}
