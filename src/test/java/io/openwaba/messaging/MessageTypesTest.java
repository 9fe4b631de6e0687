package io.openwaba.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.Http;
import io.openwaba.support.PlatformTest;
import java.net.http.HttpRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every session message type this server sends: the valid request reaches the customer's chat in
 * its canonical shape, and each request just over a limit gets the Cloud API's code, naming the
 * field and the limit, with nothing stored.
 */
class MessageTypesTest extends PlatformTest {

    private static final String SEND = "{\"messaging_product\":\"whatsapp\",\"to\":\"%s\",";

    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private String customer;

    @BeforeEach
    void openAWindow() {
        tenant = onboard();
        customer = newCustomer();
        customerWrites(customer, tenant, "hi");
    }

    static Stream<Arguments> validRequests() {
        return Stream.of(
                Arguments.of("text", SEND + "\"type\":\"text\",\"text\":{\"body\":\"Hello\"}}", "/text/body", "Hello"),
                Arguments.of("location", SEND + "\"type\":\"location\",\"location\":{\"latitude\":\"52.52\",\"longitude\":13.405,"
                        + "\"name\":\"Shop\",\"address\":\"Alexanderplatz 1\"}}", "/location/latitude", "52.52"),
                Arguments.of("contacts", SEND + "\"type\":\"contacts\",\"contacts\":[{\"name\":{\"formatted_name\":\"Jane Doe\","
                        + "\"first_name\":\"Jane\"},\"birthday\":\"1990-01-31\",\"phones\":[{\"phone\":\"+1 555 0100\",\"type\":\"cell\","
                        + "\"wa_id\":\"15550100\"}],\"emails\":[{\"email\":\"j@x.io\",\"type\":\"WORK\"}],"
                        + "\"addresses\":[{\"city\":\"Menlo Park\",\"country_code\":\"US\",\"type\":\"WORK\"}],"
                        + "\"org\":{\"company\":\"X\"}}]}", "/contacts/0/phones/0/type", "CELL"),
                Arguments.of("contacts as a JSON string", SEND + "\"type\":\"contacts\",\"contacts\":\"[{\\\"name\\\":"
                        + "{\\\"formatted_name\\\":\\\"Jo\\\",\\\"last_name\\\":\\\"Lee\\\"}}]\"}", "/contacts/0/name/last_name", "Lee"),
                Arguments.of("reaction", SEND + "\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.X\",\"emoji\":\"\\uD83D\\uDC4D\\uD83C\\uDFFD\"}}",
                        "/reaction/emoji", "\uD83D\uDC4D\uD83C\uDFFD"),
                Arguments.of("reaction removed", SEND + "\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.X\",\"emoji\":\"\"}}",
                        "/reaction/emoji", ""),
                Arguments.of("reply buttons", SEND + "\"type\":\"interactive\",\"interactive\":{\"type\":\"BUTTON\","
                        + "\"header\":{\"type\":\"text\",\"text\":\"Your order\"},\"body\":{\"text\":\"Deliver today?\"},"
                        + "\"footer\":{\"text\":\"Shop\"},\"action\":{\"buttons\":[{\"type\":\"reply\",\"reply\":{\"id\":\"yes\","
                        + "\"title\":\"Yes\"}},{\"type\":\"reply\",\"reply\":{\"id\":\"no\",\"title\":\"No\"}},{\"type\":\"reply\","
                        + "\"reply\":{\"id\":\"later\",\"title\":\"Tomorrow, please!!\"}}]}}}",
                        "/interactive/action/buttons/2/reply/title", "Tomorrow, please!!"),
                Arguments.of("list", SEND + "\"type\":\"interactive\",\"interactive\":{\"type\":\"list\",\"body\":{\"text\":\"Pick a slot\"},"
                        + "\"action\":{\"button\":\"Slots\",\"sections\":[{\"title\":\"Morning\",\"rows\":[{\"id\":\"m1\",\"title\":\"9:00\","
                        + "\"description\":\"Early\"}]},{\"title\":\"Evening\",\"rows\":[{\"id\":\"e1\",\"title\":\"18:00\"}]}]}}}",
                        "/interactive/action/sections/1/rows/0/id", "e1"),
                Arguments.of("call-to-action URL", SEND + "\"type\":\"interactive\",\"interactive\":{\"type\":\"cta_url\","
                        + "\"body\":{\"text\":\"Track it\"},\"action\":{\"name\":\"cta_url\",\"parameters\":{\"display_text\":\"Track\","
                        + "\"url\":\"https://shop.example/t/1\"}}}}", "/interactive/action/parameters/url", "https://shop.example/t/1"),
                Arguments.of("location request", SEND + "\"type\":\"interactive\",\"interactive\":{\"type\":\"location_request_message\","
                        + "\"body\":{\"text\":\"Where should we deliver?\"},\"action\":{\"name\":\"send_location\"}}}",
                        "/interactive/action/name", "send_location"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validRequests")
    void reachesTheCustomersChatInItsCanonicalShape(String name, String body, String pointer, String expected) {
        var response = send(body);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var wamid = response.json().at("/messages/0/id").asString();
        var type = Http.JSON.readTree(body.replace("%s", customer)).get("type").asString();
        eventually(() -> {
            var line = chatLine(wamid);
            assertThat(line).as("chat line for " + wamid).isNotNull();
            assertThat(line.get("type").asString()).isEqualTo(type);
            var payload = Http.JSON.readTree(line.get("payload").asString());
            assertThat(payload.at(pointer).asString()).isEqualTo(expected);
        });
    }

    static Stream<Arguments> overTheLimit() {
        return Stream.of(
                Arguments.of("latitude over 90", SEND + "\"type\":\"location\",\"location\":{\"latitude\":90.5,\"longitude\":0}}",
                        131009, "location['latitude'] must be between -90 and 90"),
                Arguments.of("longitude missing", SEND + "\"type\":\"location\",\"location\":{\"latitude\":1}}",
                        131008, "location['longitude'] is required"),
                Arguments.of("latitude not a number", SEND + "\"type\":\"location\",\"location\":{\"latitude\":\"north\",\"longitude\":0}}",
                        100, "location['latitude'] must be a number"),
                Arguments.of("contact with only a formatted name", SEND + "\"type\":\"contacts\",\"contacts\":[{\"name\":{\"formatted_name\":\"Jo\"}}]}",
                        131008, "needs at least one of first_name"),
                Arguments.of("no contacts", SEND + "\"type\":\"contacts\",\"contacts\":[]}", 131009, "must have 1 to 257 elements"),
                Arguments.of("258 contacts", SEND + "\"type\":\"contacts\",\"contacts\":[" + String.join(",",
                        java.util.Collections.nCopies(258, "{\"name\":{\"formatted_name\":\"A B\",\"first_name\":\"A\"}}")) + "]}",
                        131009, "must have 1 to 257 elements"),
                Arguments.of("contact phone type FAX", SEND + "\"type\":\"contacts\",\"contacts\":[{\"name\":{\"formatted_name\":\"A B\","
                        + "\"first_name\":\"A\"},\"phones\":[{\"phone\":\"1\",\"type\":\"FAX\"}]}]}", 131009, "contacts[0]['phones'][0]['type'] must be one of"),
                Arguments.of("contact birthday not a date", SEND + "\"type\":\"contacts\",\"contacts\":[{\"name\":{\"formatted_name\":\"A B\","
                        + "\"first_name\":\"A\"},\"birthday\":\"31.01.1990\"}]}", 100, "YYYY-MM-DD"),
                Arguments.of("reaction with two emoji", SEND + "\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.X\",\"emoji\":\"\\uD83D\\uDC4D\\uD83D\\uDC4D\"}}",
                        131009, "a single emoji"),
                Arguments.of("reaction with a letter", SEND + "\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.X\",\"emoji\":\"a\"}}",
                        131009, "a single emoji"),
                Arguments.of("reaction without emoji", SEND + "\"type\":\"reaction\",\"reaction\":{\"message_id\":\"wamid.X\"}}",
                        131008, "reaction['emoji'] is required"),
                Arguments.of("four buttons", SEND + interactiveButtons("{\"type\":\"reply\",\"reply\":{\"id\":\"a\",\"title\":\"A\"}},"
                        + "{\"type\":\"reply\",\"reply\":{\"id\":\"b\",\"title\":\"B\"}},{\"type\":\"reply\",\"reply\":{\"id\":\"c\",\"title\":\"C\"}},"
                        + "{\"type\":\"reply\",\"reply\":{\"id\":\"d\",\"title\":\"D\"}}"), 131009, "buttons'] must have 1 to 3 elements"),
                Arguments.of("button title of 21 characters", SEND + interactiveButtons("{\"type\":\"reply\",\"reply\":{\"id\":\"a\",\"title\":\""
                        + "t".repeat(21) + "\"}}"), 100, "reply']['title'] must be at most 20 characters"),
                Arguments.of("button id of 257 characters", SEND + interactiveButtons("{\"type\":\"reply\",\"reply\":{\"id\":\""
                        + "i".repeat(257) + "\",\"title\":\"A\"}}"), 100, "reply']['id'] must be at most 256 characters"),
                Arguments.of("two buttons with one title", SEND + interactiveButtons("{\"type\":\"reply\",\"reply\":{\"id\":\"a\",\"title\":\"Yes\"}},"
                        + "{\"type\":\"reply\",\"reply\":{\"id\":\"b\",\"title\":\"yes\"}}"), 131009, "button titles must be unique"),
                Arguments.of("button id with a trailing space", SEND + interactiveButtons("{\"type\":\"reply\",\"reply\":{\"id\":\"a \",\"title\":\"A\"}}"),
                        131009, "must not start or end with a space"),
                Arguments.of("interactive body of 1025 characters", SEND + "\"type\":\"interactive\",\"interactive\":{\"type\":\"button\","
                        + "\"body\":{\"text\":\"" + "b".repeat(1025) + "\"},\"action\":{\"buttons\":[{\"type\":\"reply\",\"reply\":{\"id\":\"a\",\"title\":\"A\"}}]}}}",
                        100, "body']['text'] must be at most 1024 characters"),
                Arguments.of("header of 61 characters", SEND + "\"type\":\"interactive\",\"interactive\":{\"type\":\"button\","
                        + "\"header\":{\"type\":\"text\",\"text\":\"" + "h".repeat(61) + "\"},\"body\":{\"text\":\"b\"},"
                        + "\"action\":{\"buttons\":[{\"type\":\"reply\",\"reply\":{\"id\":\"a\",\"title\":\"A\"}}]}}}",
                        100, "header']['text'] must be at most 60 characters"),
                Arguments.of("footer of 61 characters", SEND + "\"type\":\"interactive\",\"interactive\":{\"type\":\"button\","
                        + "\"footer\":{\"text\":\"" + "f".repeat(61) + "\"},\"body\":{\"text\":\"b\"},"
                        + "\"action\":{\"buttons\":[{\"type\":\"reply\",\"reply\":{\"id\":\"a\",\"title\":\"A\"}}]}}}",
                        100, "footer']['text'] must be at most 60 characters"),
                Arguments.of("list with 11 rows", SEND + list("{\"title\":\"S\",\"rows\":[" + rows(11) + "]}"), 131009,
                        "rows'] must have 1 to 10 elements"),
                Arguments.of("list with 11 rows over two sections", SEND + list("{\"title\":\"S\",\"rows\":[" + rows(6)
                        + "]},{\"title\":\"T\",\"rows\":[" + rows(5).replace("\"r", "\"s") + "]}"), 131009, "at most 10 rows in all its sections"),
                Arguments.of("list with 11 sections", SEND + list(String.join(",", java.util.stream.IntStream.range(0, 11)
                        .mapToObj(i -> "{\"title\":\"S" + i + "\",\"rows\":[{\"id\":\"r" + i + "\",\"title\":\"R\"}]}").toList())),
                        131009, "sections'] must have 1 to 10 elements"),
                Arguments.of("two sections, one without title", SEND + list("{\"title\":\"S\",\"rows\":[{\"id\":\"a\",\"title\":\"A\"}]},"
                        + "{\"rows\":[{\"id\":\"b\",\"title\":\"B\"}]}"), 131008, "sections'][1]['title'] is required"),
                Arguments.of("row title of 25 characters", SEND + list("{\"rows\":[{\"id\":\"a\",\"title\":\"" + "t".repeat(25) + "\"}]}"),
                        100, "['title'] must be at most 24 characters"),
                Arguments.of("row description of 73 characters", SEND + list("{\"rows\":[{\"id\":\"a\",\"title\":\"A\",\"description\":\""
                        + "d".repeat(73) + "\"}]}"), 100, "['description'] must be at most 72 characters"),
                Arguments.of("row id of 201 characters", SEND + list("{\"rows\":[{\"id\":\"" + "i".repeat(201) + "\",\"title\":\"A\"}]}"),
                        100, "['id'] must be at most 200 characters"),
                Arguments.of("two rows with one id", SEND + list("{\"rows\":[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\"a\",\"title\":\"B\"}]}"),
                        131009, "row ids must be unique"),
                Arguments.of("cta_url with an ftp link", SEND + "\"type\":\"interactive\",\"interactive\":{\"type\":\"cta_url\","
                        + "\"body\":{\"text\":\"b\"},\"action\":{\"name\":\"cta_url\",\"parameters\":{\"display_text\":\"Go\","
                        + "\"url\":\"ftp://x.io\"}}}}", 100, "parameters']['url'] must be an http or https URL"),
                Arguments.of("cta_url display text of 21 characters", SEND + "\"type\":\"interactive\",\"interactive\":{\"type\":\"cta_url\","
                        + "\"body\":{\"text\":\"b\"},\"action\":{\"name\":\"cta_url\",\"parameters\":{\"display_text\":\"" + "d".repeat(21)
                        + "\",\"url\":\"https://x.io\"}}}}", 100, "display_text'] must be at most 20 characters"),
                Arguments.of("location request with a header", SEND + "\"type\":\"interactive\",\"interactive\":{\"type\":\"location_request_message\","
                        + "\"header\":{\"type\":\"text\",\"text\":\"h\"},\"body\":{\"text\":\"b\"},\"action\":{\"name\":\"send_location\"}}}",
                        131009, "not allowed on a location_request_message"),
                Arguments.of("unknown interactive type", SEND + "\"type\":\"interactive\",\"interactive\":{\"type\":\"poll\","
                        + "\"body\":{\"text\":\"b\"},\"action\":{}}}", 100, "interactive['type'] must be one of"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overTheLimit")
    void isRefusedWithTheCloudApiCodeAndStoresNothing(String name, String body, int code, String message) {
        long before = storedMessages();

        var response = send(body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        var error = response.json().get("error");
        assertThat(error.get("code").asInt()).as(response.body()).isEqualTo(code);
        assertThat(error.get("message").asString() + " " + error.at("/error_data/details").asString())
                .as(response.body()).contains(message);
        assertThat(storedMessages()).isEqualTo(before);
    }

    private static String interactiveButtons(String buttons) {
        return "\"type\":\"interactive\",\"interactive\":{\"type\":\"button\",\"body\":{\"text\":\"b\"},"
                + "\"action\":{\"buttons\":[" + buttons + "]}}}";
    }

    private static String list(String sections) {
        return "\"type\":\"interactive\",\"interactive\":{\"type\":\"list\",\"body\":{\"text\":\"b\"},"
                + "\"action\":{\"button\":\"Pick\",\"sections\":[" + sections + "]}}}";
    }

    private static String rows(int count) {
        return String.join(",", java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> "{\"id\":\"r" + i + "\",\"title\":\"Row " + i + "\"}").toList());
    }

    private Http.Response send(String body) {
        return http.send(http.request("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("%s", customer))));
    }

    private tools.jackson.databind.JsonNode chatLine(String wamid) {
        for (var line : http.get("/sandbox/customers/" + customer + "/messages", null).json()) {
            if (line.get("id").asString().equals(wamid)) {
                return line;
            }
        }
        return null;
    }

    private long storedMessages() {
        return jdbc.sql("SELECT COUNT(*) FROM messaging_message WHERE phone_number_id = :id")
                .param("id", tenant.phoneNumberId()).query(Long.class).single();
    }
}
