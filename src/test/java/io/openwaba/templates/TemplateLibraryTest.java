package io.openwaba.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.Http;
import io.openwaba.support.PlatformTest;
import io.openwaba.support.WebhookReceiver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The template library through the Graph API: creation, review on the sandbox clock, webhooks, admin decisions. */
class TemplateLibraryTest extends PlatformTest {

    private Tenant tenant;
    private WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        tenant = onboard();
        receiver = subscribe(tenant);
    }

    @Test
    void aGoodTemplateIsPendingThenApprovedAndTheBusinessHearsOfIt() {
        var created = create(orderUpdate("order_update"));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("status").asString()).isEqualTo("PENDING");
        assertThat(created.json().get("category").asString()).isEqualTo("UTILITY");
        var id = created.json().get("id").asString();
        assertThat(http.get("/v21.0/" + id, tenant.token()).json().get("status").asString()).isEqualTo("PENDING");

        advanceClock(Duration.ofMinutes(2));

        eventually(() -> assertThat(http.get("/v21.0/" + id, tenant.token()).json().get("status").asString())
                .isEqualTo("APPROVED"));
        eventually(() -> assertThat(statusUpdates(id)).anySatisfy(value -> {
            assertThat(value.get("event").asString()).isEqualTo("APPROVED");
            assertThat(value.get("message_template_name").asString()).isEqualTo("order_update");
            assertThat(value.get("message_template_language").asString()).isEqualTo("en_US");
            assertThat(value.get("reason").asString()).isEqualTo("NONE");
        }));
        var template = http.get("/v21.0/" + id, tenant.token()).json();
        assertThat(template.at("/components/1/text").asString()).isEqualTo("Hi {{1}}, your order {{2}} has shipped.");
        assertThat(template.get("parameter_format").asString()).isEqualTo("POSITIONAL");

        var stranger = newCustomer();
        var sent = http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(), Map.of(
                "messaging_product", "whatsapp", "to", stranger, "type", "template", "template", Map.of(
                        "name", "order_update", "language", Map.of("code", "en_US"), "components", List.of(
                                Map.of("type", "body", "parameters", List.of(Map.of("type", "text", "text", "Pablo"),
                                        Map.of("type", "text", "text", "860198"))),
                                Map.of("type", "button", "sub_type", "url", "index", 0,
                                        "parameters", List.of(Map.of("type", "text", "text", "860198")))))));
        assertThat(sent.status()).as("outside the window: " + sent.body()).isEqualTo(200);
        var wamid = sent.json().at("/messages/0/id").asString();
        eventually(() -> assertThat(receiver.statusesOf(wamid)).containsExactlyInAnyOrder("sent", "delivered", "read"));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of("variable at the start", body("{{1}}, your order has shipped and is on its way.", List.of("Ana")),
                        "INVALID_FORMAT", "start or end"),
                Arguments.of("variable at the end", body("Your order has shipped and is on its way, {{1}}", List.of("Ana")),
                        "INVALID_FORMAT", "start or end"),
                Arguments.of("adjacent variables", body("Hello, your order {{1}} {{2}} has shipped today.", List.of("A", "B")),
                        "INVALID_FORMAT", "side by side"),
                Arguments.of("missing examples", body("Hi {{1}}, your order has shipped.", null),
                        "INVALID_FORMAT", "example value"),
                Arguments.of("too many variables", body("Hi {{1}} and {{2}} or {{3}}.", List.of("a", "b", "c")),
                        "INVALID_FORMAT", "two words per variable"),
                Arguments.of("forbidden content", body("You are a guaranteed winner, reply now to claim.", null),
                        "SCAM", "does not allow"),
                Arguments.of("promotional utility", body("Your order shipped. Get 20% off your next order!", null),
                        "INCORRECT_CATEGORY", "MARKETING template"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void theReviewerRejectsWithAReason(String name, Map<String, Object> body, String reason, String recommendation) {
        var request = new java.util.HashMap<String, Object>(Map.of("name", "t_" + randomDigits(8), "language", "en_US",
                "category", "UTILITY", "components", List.of(body)));
        var id = create(request).json().get("id").asString();

        advanceClock(Duration.ofMinutes(2));

        eventually(() -> {
            var template = http.get("/v21.0/" + id, tenant.token()).json();
            assertThat(template.get("status").asString()).isEqualTo("REJECTED");
            assertThat(template.get("rejected_reason").asString()).isEqualTo(reason);
            assertThat(template.at("/rejection_info/recommendation").asString()).as("readable by a person")
                    .contains(recommendation);
        });
        eventually(() -> assertThat(statusUpdates(id)).anySatisfy(value -> {
            assertThat(value.get("event").asString()).isEqualTo("REJECTED");
            assertThat(value.at("/rejection_info/reason").asString()).isEqualTo(reason);
            assertThat(value.at("/rejection_info/recommendation").asString()).contains(recommendation);
        }));
    }

    @Test
    void promotionalWordingMovesAUtilityTemplateToMarketingWhenAllowed() {
        var request = new java.util.HashMap<String, Object>(Map.of("name", "shipped_offer", "language", "en_US",
                "category", "utility", "allow_category_change", true,
                "components", List.of(body("Your order shipped. Get 20% off your next order!", null))));
        var id = create(request).json().get("id").asString();

        advanceClock(Duration.ofMinutes(2));

        eventually(() -> {
            var template = http.get("/v21.0/" + id, tenant.token()).json();
            assertThat(template.get("status").asString()).isEqualTo("APPROVED");
            assertThat(template.get("category").asString()).isEqualTo("MARKETING");
        });
    }

    static Stream<Arguments> malformed() {
        var buttons = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 11; i++) {
            buttons.add(Map.of("type", "QUICK_REPLY", "text", "B" + i));
        }
        return Stream.of(
                Arguments.of("uppercase name", Map.of("name", "Order", "language", "en_US", "category", "UTILITY",
                        "components", List.of(body("Hello there.", null))), 2388047, "lowercase letters"),
                Arguments.of("body over 1024", Map.of("name", "long_body", "language", "en_US", "category", "UTILITY",
                        "components", List.of(body("x".repeat(1025), null))), 2388040, "at most 1024"),
                Arguments.of("variables out of order", Map.of("name", "vars", "language", "en_US", "category", "UTILITY",
                        "components", List.of(body("Hi {{2}}, order {{1}} is here.", List.of("a", "b")))), 2388047, "in order"),
                Arguments.of("footer with a variable", Map.of("name", "foot", "language", "en_US", "category", "UTILITY",
                        "components", List.of(body("Hello there.", null), Map.of("type", "FOOTER", "text", "Bye {{1}}"))),
                        2388073, "cannot hold variables"),
                Arguments.of("eleven buttons", Map.of("name", "many", "language", "en_US", "category", "MARKETING",
                        "components", List.of(body("Hello there.", null), Map.of("type", "BUTTONS", "buttons", buttons))),
                        2388047, "1 to 10 buttons"),
                Arguments.of("no body", Map.of("name", "nobody", "language", "en_US", "category", "UTILITY",
                        "components", List.of(Map.of("type", "FOOTER", "text", "x"))), 2388047, "needs a BODY"),
                Arguments.of("bad category", Map.of("name", "cat", "language", "en_US", "category", "SPAM",
                        "components", List.of(body("Hello there.", null))), 0, "category must be one of"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedTemplatesAreRefusedAtOnceAndNothingIsStored(String name, Map<String, Object> request, int subcode,
                                                              String message) {
        var refused = create(request);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo(100);
        if (subcode != 0) {
            assertThat(refused.json().at("/error/error_subcode").asInt()).isEqualTo(subcode);
        }
        assertThat(refused.json().at("/error/message").asString()).contains(message);
        assertThat(list("").get("data").size()).isZero();
    }

    @Test
    void theLibraryListsFiltersEditsAndDeletes() {
        var first = create(orderUpdate("order_update")).json().get("id").asString();
        var spanish = new java.util.HashMap<>(orderUpdate("order_update"));
        spanish.put("language", "es");
        create(spanish);
        var duplicate = create(orderUpdate("order_update"));
        assertThat(duplicate.json().at("/error/error_subcode").asInt()).isEqualTo(Templates.SUBCODE_EXISTS);
        create(Map.of("name", "welcome", "language", "en_US", "category", "MARKETING",
                "components", List.of(body("Welcome to our shop, we are glad you are here.", null))));

        var byName = list("?name=order&summary=total_count,message_template_count,message_template_limit,are_translations_complete");
        assertThat(byName.get("data").size()).isEqualTo(2);
        assertThat(byName.at("/summary/total_count").asInt()).isEqualTo(2);
        assertThat(byName.at("/summary/message_template_count").asInt()).isEqualTo(3);
        assertThat(byName.at("/summary/are_translations_complete").asBoolean()).isTrue();
        assertThat(list("?category=marketing&fields=name,status").get("data").get(0).get("name").asString())
                .isEqualTo("welcome");
        assertThat(list("?language=es").get("data").size()).isEqualTo(1);
        assertThat(list("?limit=1").at("/paging/next").asString()).contains("after=");

        var edited = http.post("/v21.0/" + first, tenant.token(), Map.of("components",
                List.of(body("Hello {{1}}, your parcel {{2}} left our store.", List.of("Ana", "42")))));
        assertThat(edited.json().get("success").asBoolean()).isTrue();
        assertThat(http.get("/v21.0/" + first, tenant.token()).json().at("/components/0/text").asString())
                .startsWith("Hello {{1}}");

        var oneLanguage = http.delete("/v21.0/" + tenant.wabaId() + "/message_templates?name=order_update&hsm_id=" + first,
                tenant.token());
        assertThat(oneLanguage.json().get("success").asBoolean()).isTrue();
        assertThat(list("?name=order_update").get("data").size()).isEqualTo(1);
        http.delete("/v21.0/" + tenant.wabaId() + "/message_templates?name=order_update", tenant.token());
        assertThat(list("?name=order_update").get("data").size()).isZero();
        assertThat(http.delete("/v21.0/" + tenant.wabaId() + "/message_templates?name=order_update", tenant.token())
                .errorCode()).isEqualTo(100);
    }

    @Test
    void anAdminDecidesByHandAndOthersCannot() {
        var id = create(orderUpdate("manual_one")).json().get("id").asString();
        var other = onboard();

        assertThat(http.post("/api/templates/" + id + "/approve", tenant.token(), Map.of()).status()).isEqualTo(403);
        assertThat(http.post("/api/templates/" + id + "/reject", ADMIN_TOKEN, Map.of("reason", "BAD")).status())
                .isEqualTo(400);
        var rejected = http.post("/api/templates/" + id + "/reject", ADMIN_TOKEN,
                Map.of("reason", "PROMOTIONAL", "note", "Reads like an advert"));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        assertThat(rejected.json().get("status").asString()).isEqualTo("REJECTED");
        assertThat(http.post("/api/templates/" + id + "/approve", ADMIN_TOKEN, Map.of()).status()).isEqualTo(409);
        eventually(() -> assertThat(statusUpdates(id)).anySatisfy(value ->
                assertThat(value.at("/rejection_info/recommendation").asString()).isEqualTo("Reads like an advert")));

        assertThat(http.get("/v21.0/" + id, other.token()).errorCode()).isEqualTo(100);
        assertThat(http.get("/v21.0/" + tenant.wabaId() + "/message_templates", other.token()).errorCode()).isEqualTo(100);
    }

    private static Map<String, Object> orderUpdate(String name) {
        return Map.of("name", name, "language", "en_US", "category", "UTILITY", "components", List.of(
                Map.of("type", "HEADER", "format", "TEXT", "text", "Order update"),
                body("Hi {{1}}, your order {{2}} has shipped.", List.of("Pablo", "860198")),
                Map.of("type", "FOOTER", "text", "Demo Shop"),
                Map.of("type", "BUTTONS", "buttons", List.of(
                        Map.of("type", "URL", "text", "Track", "url", "https://shop.example/t/{{1}}",
                                "example", List.of("https://shop.example/t/abc")),
                        Map.of("type", "PHONE_NUMBER", "text", "Call us", "phone_number", "+16315550100")))));
    }

    private static Map<String, Object> body(String text, List<String> example) {
        return example == null ? Map.of("type", "BODY", "text", text)
                : Map.of("type", "BODY", "text", text, "example", Map.of("body_text", List.of(example)));
    }

    private Http.Response create(Map<String, Object> request) {
        return http.post("/v21.0/" + tenant.wabaId() + "/message_templates", tenant.token(), request);
    }

    private tools.jackson.databind.JsonNode list(String query) {
        return http.get("/v21.0/" + tenant.wabaId() + "/message_templates" + query, tenant.token()).json();
    }

    private List<tools.jackson.databind.JsonNode> statusUpdates(String templateId) {
        return receiver.accepted().stream()
                .filter(d -> d.json().at("/entry/0/changes/0/field").asString().equals("message_template_status_update"))
                .map(WebhookReceiver.Delivery::value)
                .filter(v -> v.get("message_template_id").asString().equals(templateId))
                .toList();
    }
}
