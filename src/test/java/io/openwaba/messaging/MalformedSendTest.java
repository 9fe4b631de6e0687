package io.openwaba.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.PlatformTest;
import java.net.http.HttpRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Bad input on the send endpoint: a Graph error with the right code, never a 500, nothing stored. */
class MalformedSendTest extends PlatformTest {

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

    static Stream<Arguments> malformedBodies() {
        var huge = "x".repeat(1_048_576);
        return Stream.of(
                Arguments.of("invalid JSON", "{\"messaging_product\":\"whatsapp\",", 400, 100, "not valid JSON"),
                Arguments.of("a JSON array", "[1,2]", 400, 100, "must be a JSON object"),
                Arguments.of("missing messaging_product", "{\"to\":\"%s\",\"text\":{\"body\":\"x\"}}", 400, 100,
                        "messaging_product"),
                Arguments.of("wrong messaging_product", "{\"messaging_product\":\"sms\",\"to\":\"%s\",\"text\":{\"body\":\"x\"}}",
                        400, 100, "messaging_product"),
                Arguments.of("missing to", "{\"messaging_product\":\"whatsapp\",\"text\":{\"body\":\"x\"}}", 400, 100,
                        "The parameter to is required"),
                Arguments.of("to as an object", "{\"messaging_product\":\"whatsapp\",\"to\":{\"n\":1},\"text\":{\"body\":\"x\"}}",
                        400, 100, "Param to must be a string"),
                Arguments.of("to not a phone number", "{\"messaging_product\":\"whatsapp\",\"to\":\"hello\",\"text\":{\"body\":\"x\"}}",
                        400, 100, "not a valid phone number"),
                Arguments.of("unknown type", "{\"messaging_product\":\"whatsapp\",\"to\":\"%s\",\"type\":\"hologram\"}",
                        400, 100, "Param type must be one of"),
                Arguments.of("text as a number", "{\"messaging_product\":\"whatsapp\",\"to\":\"%s\",\"text\":5}", 400, 100,
                        "Param text must be a JSON object"),
                Arguments.of("text as a broken JSON string", "{\"messaging_product\":\"whatsapp\",\"to\":\"%s\",\"text\":\"{oops\"}",
                        400, 100, "neither an object nor valid JSON"),
                Arguments.of("missing text", "{\"messaging_product\":\"whatsapp\",\"to\":\"%s\",\"type\":\"text\"}", 400, 131008,
                        "Param text is required"),
                Arguments.of("missing body", "{\"messaging_product\":\"whatsapp\",\"to\":\"%s\",\"text\":{}}", 400, 131008,
                        "Param text['body'] is required"),
                Arguments.of("body over 4096 characters", "{\"messaging_product\":\"whatsapp\",\"to\":\"%s\",\"text\":{\"body\":\""
                        + "a".repeat(4097) + "\"}}", 400, 100, "at most 4096 characters"),
                Arguments.of("preview_url not a boolean", "{\"messaging_product\":\"whatsapp\",\"to\":\"%s\",\"text\":{\"body\":\"x\",\"preview_url\":\"maybe\"}}",
                        400, 100, "text['preview_url'] must be a boolean"),
                Arguments.of("context without message_id", "{\"messaging_product\":\"whatsapp\",\"to\":\"%s\",\"text\":{\"body\":\"x\"},\"context\":{}}",
                        400, 131008, "context['message_id']"),
                Arguments.of("callback data over 512", "{\"messaging_product\":\"whatsapp\",\"to\":\"%s\",\"text\":{\"body\":\"x\"},\"biz_opaque_callback_data\":\""
                        + "c".repeat(513) + "\"}", 400, 100, "biz_opaque_callback_data"),
                Arguments.of("group recipient", "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"group\",\"to\":\"%s\",\"text\":{\"body\":\"x\"}}",
                        400, 100, "recipient_type"),
                Arguments.of("a 1 MB body", "{\"messaging_product\":\"whatsapp\",\"to\":\"%s\",\"text\":{\"body\":\"" + huge + "\"}}",
                        413, 100, "too large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedBodies")
    void isRefusedInTheGraphEnvelopeAndStoresNothing(String name, String body, int status, int code, String message) {
        long before = storedMessages();
        var response = http.send(http.request("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.replace("%s", customer))));

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        var error = response.json().get("error");
        assertThat(error.get("code").asInt()).isEqualTo(code);
        assertThat(error.get("type").asString()).isNotBlank();
        assertThat(error.get("fbtrace_id").asString()).isNotBlank();
        assertThat(error.get("message").asString() + " " + error.at("/error_data/details").asString())
                .contains(message);
        assertThat(storedMessages()).isEqualTo(before);
    }

    private long storedMessages() {
        return jdbc.sql("SELECT COUNT(*) FROM messaging_message WHERE phone_number_id = :id")
                .param("id", tenant.phoneNumberId()).query(Long.class).single();
    }
}
