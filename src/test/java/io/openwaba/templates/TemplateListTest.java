package io.openwaba.templates;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.Http;
import io.openwaba.support.PlatformTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /{waba-id}/message_templates} with every filter Meta documents, each given as a
 * comma list and as the JSON array Meta's SDKs send.
 */
class TemplateListTest extends PlatformTest {

    private static final String ORDER = "order_update/en_US";
    private static final String WELCOME = "welcome/en_US";
    private static final String BIENVENIDO = "welcome/es";

    private Tenant tenant;

    @BeforeEach
    void threeTemplates() {
        tenant = onboard();
        var order = create("order_update", "en_US", "UTILITY", "Hi {{1}}, your order {{2}} has shipped.",
                List.of("Pablo", "860198"));
        create("welcome", "en_US", "MARKETING", "Welcome to our shop, we are glad you are here.", null);
        var spanish = create("welcome", "es", "MARKETING", "Bienvenido a nuestra tienda, nos alegra verte.", null);
        decide(order, "/approve", Map.of());
        decide(spanish, "/reject", Map.of("reason", "PROMOTIONAL"));
    }

    static Stream<Arguments> filters() {
        return Stream.of(
                Arguments.of("name", List.of("welcome"), List.of(WELCOME, BIENVENIDO)),
                Arguments.of("name", List.of("order", "welcome"), List.of(ORDER, WELCOME, BIENVENIDO)),
                Arguments.of("content", List.of("glad you are"), List.of(WELCOME)),
                Arguments.of("content", List.of("SHIPPED", "tienda"), List.of(ORDER, BIENVENIDO)),
                Arguments.of("name_or_content", List.of("order"), List.of(ORDER)),
                Arguments.of("name_or_content", List.of("nuestra"), List.of(BIENVENIDO)),
                Arguments.of("name_or_content", List.of("order", "glad"), List.of(ORDER, WELCOME)),
                Arguments.of("status", List.of("APPROVED"), List.of(ORDER)),
                Arguments.of("status", List.of("pending", "REJECTED"), List.of(WELCOME, BIENVENIDO)),
                Arguments.of("category", List.of("MARKETING"), List.of(WELCOME, BIENVENIDO)),
                Arguments.of("category", List.of("utility", "authentication"), List.of(ORDER)),
                Arguments.of("language", List.of("es"), List.of(BIENVENIDO)),
                Arguments.of("language", List.of("en_US", "es"), List.of(ORDER, WELCOME, BIENVENIDO)),
                Arguments.of("quality_score", List.of("GREEN"), List.of()),
                Arguments.of("quality_score", List.of("unknown", "GREEN"), List.of(ORDER, WELCOME, BIENVENIDO)));
    }

    @ParameterizedTest(name = "{0}={1} as a comma list")
    @MethodSource("filters")
    void eachFilterTakesACommaList(String filter, List<String> values, List<String> expected) {
        var listed = list("?" + filter + "=" + encode(String.join(",", values)));

        assertThat(templates(listed)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}={1} as a JSON array")
    @MethodSource("filters")
    void eachFilterTakesAJsonArray(String filter, List<String> values, List<String> expected) {
        var listed = list("?" + filter + "=" + encode(Http.JSON.writeValueAsString(values)));

        assertThat(templates(listed)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void filtersCombineAndTheSummaryCountsWhatTheyKept() {
        var listed = list("?category=MARKETING&status=" + encode("[\"PENDING\",\"APPROVED\"]")
                + "&summary=total_count,message_template_count");

        assertThat(templates(listed)).containsExactly(WELCOME);
        assertThat(listed.at("/summary/total_count").asInt()).isEqualTo(1);
        assertThat(listed.at("/summary/message_template_count").asInt()).isEqualTo(3);
    }

    @Test
    void aPhraseWithACommaIsOneValueInAnArray() {
        assertThat(templates(list("?content=" + encode("[\"shop, we are\"]")))).containsExactly(WELCOME);
        assertThat(templates(list("?name_or_content=" + encode("[\"tienda, nos\"]")))).containsExactly(BIENVENIDO);
    }

    @Test
    void fieldsTakeAJsonArrayToo() {
        var listed = list("?language=es&fields=" + encode("[\"name\",\"status\"]"));

        var template = listed.at("/data/0");
        assertThat(template.propertyNames()).containsExactlyInAnyOrder("name", "status", "id");
        assertThat(template.get("status").asString()).isEqualTo("REJECTED");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("status", "[\"APPROVED\""),
                Arguments.of("status", "[APPROVED]"),
                Arguments.of("category", "[\"MARKETING\",[\"UTILITY\"]]"),
                Arguments.of("language", "[null]"),
                Arguments.of("name", "[{\"name\":\"welcome\"}]"),
                Arguments.of("content", "[\"a\"] trailing"),
                Arguments.of("name_or_content", "["),
                Arguments.of("quality_score", "[\"GREEN\",]"),
                Arguments.of("fields", "[\"name\""));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("malformed")
    void aMalformedArrayIsGraphError100(String param, String value) {
        var refused = http.get(path() + "?" + param + "=" + encode(value), tenant.token());

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo(100);
        assertThat(refused.json().at("/error/type").asString()).isEqualTo("OAuthException");
        assertThat(refused.json().at("/error/message").asString()).contains("Param " + param + " must be a JSON array");
    }

    private String create(String name, String language, String category, String body, List<String> example) {
        var component = example == null ? Map.of("type", "BODY", "text", body)
                : Map.of("type", "BODY", "text", body, "example", Map.of("body_text", List.of(example)));
        var created = http.post(path(), tenant.token(), Map.of("name", name, "language", language,
                "category", category, "components", List.of(component)));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("id").asString();
    }

    private void decide(String templateId, String decision, Map<String, Object> body) {
        var decided = http.post("/api/templates/" + templateId + decision, ADMIN_TOKEN, body);
        assertThat(decided.status()).as(decided.body()).isEqualTo(200);
    }

    private JsonNode list(String query) {
        var listed = http.get(path() + query, tenant.token());
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return listed.json();
    }

    private static List<String> templates(JsonNode listed) {
        return listed.get("data").valueStream()
                .map(t -> t.get("name").asString() + "/" + t.get("language").asString()).toList();
    }

    private String path() {
        return "/v21.0/" + tenant.wabaId() + "/message_templates";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
