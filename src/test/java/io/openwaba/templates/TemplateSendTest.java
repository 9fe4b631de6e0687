package io.openwaba.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.Http;
import io.openwaba.support.PlatformTest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sending an approved template, outside the customer service window too, and every way to get it wrong. */
class TemplateSendTest extends PlatformTest {

    private Tenant tenant;
    private String customer;

    @BeforeEach
    void setUp() {
        tenant = onboard();
        customer = newCustomer();
        var created = http.post("/v21.0/" + tenant.wabaId() + "/message_templates", tenant.token(), Map.of(
                "name", "order_update", "language", "en_US", "category", "UTILITY", "components", List.of(
                        Map.of("type", "BODY", "text", "Hi {{1}}, your order {{2}} is {{3}} now.",
                                "example", Map.of("body_text", List.of(List.of("Ana", "42", "on its way")))),
                        Map.of("type", "BUTTONS", "buttons", List.of(
                                Map.of("type", "QUICK_REPLY", "text", "Thanks"),
                                Map.of("type", "URL", "text", "Track", "url", "https://shop.example/t/{{1}}",
                                        "example", List.of("https://shop.example/t/42")))))));
        var approved = http.post("/api/templates/" + created.json().get("id").asString() + "/approve", ADMIN_TOKEN, Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    }

    @Test
    void anApprovedTemplateGoesOutWithoutAWindowAndStartsAUtilityConversation() {
        var receiver = subscribe(tenant);

        var sent = send(template(body("Ana", "1042", "on its way"),
                Map.of("type", "BUTTON", "sub_type", "URL", "index", 1, "parameters",
                        List.of(Map.of("type", "text", "text", "1042")))));

        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        var wamid = sent.json().at("/messages/0/id").asString();
        eventually(() -> assertThat(receiver.statusesOf(wamid)).contains("sent", "delivered", "read"));
        var status = receiver.accepted().stream().map(d -> d.value().at("/statuses/0"))
                .filter(s -> s.get("id") != null && s.get("id").asString().equals(wamid)).findFirst().orElseThrow();
        assertThat(status.at("/conversation/origin/type").asString()).isEqualTo("utility");
        assertThat(status.at("/pricing/category").asString()).isEqualTo("utility");
        assertThat(status.at("/pricing/billable").asBoolean()).isTrue();
        assertThat(status.at("/pricing/type").asString()).isEqualTo("regular");
        eventually(() -> {
            var chat = http.get("/sandbox/customers/" + customer + "/messages", null).json();
            assertThat(chat.toString()).contains("order_update").contains("1042");
        });
        assertThat(sendText(tenant, customer, "free-form").errorCode()).as("still no window").isEqualTo(131047);
    }

    static Stream<Arguments> refused() {
        var url = Map.<String, Object>of("type", "button", "sub_type", "url", "index", "1",
                "parameters", List.of(Map.of("type", "text", "text", "1042")));
        return Stream.of(
                Arguments.of("unknown name", Map.of("name", "nope", "language", Map.of("code", "en_US")), 404, 132001),
                Arguments.of("language not translated", Map.of("name", "order_update", "language", Map.of("code", "de")),
                        404, 132001),
                Arguments.of("two body parameters for three", template(body("Ana", "1042"), url), 400, 132000),
                Arguments.of("no URL button parameter", template(body("Ana", "1042", "here")), 400, 132000),
                Arguments.of("an image in the body", template(Map.of("type", "body", "parameters", List.of(
                        Map.of("type", "image", "image", Map.of("link", "https://x.io/a.png")),
                        Map.of("type", "text", "text", "b"), Map.of("type", "text", "text", "c"))), url), 400, 132012),
                Arguments.of("a new line in a parameter", template(body("Ana\nBob", "1042", "here"), url), 400, 132007),
                Arguments.of("too long once filled in", template(body("a".repeat(1000), "1042", "here"), url), 400, 132005),
                Arguments.of("quick reply sub_type on the URL button", template(body("Ana", "1042", "here"),
                        Map.of("type", "button", "sub_type", "quick_reply", "index", 1, "parameters",
                                List.of(Map.of("type", "payload", "payload", "x")))), 400, 132012));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void mistakesGetTheTemplateErrorCodes(String name, Map<String, Object> template, int status, int code) {
        var response = send(template);

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.errorCode()).as(response.body()).isEqualTo(code);
    }

    @Test
    void aTemplateNotYetApprovedCannotBeSent() {
        http.post("/v21.0/" + tenant.wabaId() + "/message_templates", tenant.token(), Map.of(
                "name", "fresh", "language", "en_US", "category", "MARKETING",
                "components", List.of(Map.of("type", "BODY", "text", "Our new collection is here."))));

        var response = send(Map.of("name", "fresh", "language", Map.of("code", "en_US")));

        assertThat(response.errorCode()).isEqualTo(132001);
        assertThat(response.json().at("/error/error_data/details").asString()).contains("PENDING");
    }

    private static Map<String, Object> template(Map<String, Object>... components) {
        return Map.of("name", "order_update", "language", Map.of("policy", "deterministic", "code", "en_US"),
                "components", List.of(components));
    }

    private static Map<String, Object> body(String... values) {
        return Map.of("type", "body", "parameters", Stream.of(values).map(v -> Map.of("type", "text", "text", v)).toList());
    }

    private Http.Response send(Map<String, Object> template) {
        return http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(), Map.of(
                "messaging_product", "whatsapp", "to", customer, "type", "template", "template", template));
    }
}
