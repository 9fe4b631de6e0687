package io.openwaba.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.PlatformTest;
import io.openwaba.support.WebhookReceiver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What simulated customers send reaches the business as Meta's inbound webhook, signed; and the
 * business's "mark as read" and typing indicator show on the customer's phone.
 */
class InboundTypesTest extends PlatformTest {

    private Tenant tenant;
    private String customer;
    private WebhookReceiver receiver;

    @BeforeEach
    void setUp() {
        tenant = onboard();
        customer = newCustomer();
        receiver = subscribe(tenant);
    }

    static Stream<Arguments> inboundMessages() {
        return Stream.of(
                Arguments.of("text", Map.of("type", "text", "text", Map.of("body", "Hi")), "/text/body", "Hi"),
                Arguments.of("location", Map.of("type", "location", "location", Map.of("latitude", -23.55,
                        "longitude", -46.63, "name", "Home")), "/location/longitude", "-46.63"),
                Arguments.of("contacts", Map.of("type", "contacts", "contacts", List.of(Map.of("name",
                        Map.of("formatted_name", "Ana Lima", "first_name", "Ana")))), "/contacts/0/name/formatted_name", "Ana Lima"),
                Arguments.of("reaction", Map.of("type", "reaction", "reaction", Map.of("message_id", "wamid.ABC",
                        "emoji", "\u2764\uFE0F")), "/reaction/emoji", "\u2764\uFE0F"),
                Arguments.of("button reply", Map.of("type", "interactive", "interactive", Map.of("type", "button_reply",
                        "button_reply", Map.of("id", "yes", "title", "Yes"))), "/interactive/button_reply/id", "yes"),
                Arguments.of("list reply", Map.of("type", "interactive", "interactive", Map.of("type", "list_reply",
                        "list_reply", Map.of("id", "m1", "title", "9:00", "description", "Early"))),
                        "/interactive/list_reply/description", "Early"),
                Arguments.of("template quick reply", Map.of("type", "button", "button", Map.of("payload", "STOP",
                        "text", "Stop promotions")), "/button/payload", "STOP"),
                Arguments.of("unsupported", Map.of("type", "unsupported", "unsupported", Map.of("type", "poll")),
                        "/errors/0/code", "131051"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inboundMessages")
    void arrivesAsMetasSignedInboundWebhook(String name, Map<String, Object> message, String pointer, String expected) {
        var request = new java.util.HashMap<String, Object>(message);
        request.put("to", tenant.phoneNumberId());
        var written = http.post("/sandbox/customers/" + customer + "/messages", null, request);
        assertThat(written.status()).as(written.body()).isEqualTo(201);
        var wamid = written.json().get("id").asString();

        eventually(() -> {
            var delivery = receiver.inboundMessages().stream()
                    .filter(d -> d.value().at("/messages/0/id").asString().equals(wamid)).findFirst();
            assertThat(delivery).isPresent();
            assertThat(delivery.get().signatureValid()).isTrue();
            var inbound = delivery.get().value().at("/messages/0");
            assertThat(inbound.get("type").asString()).isEqualTo(message.get("type"));
            assertThat(inbound.get("from").asString()).isEqualTo(customer);
            assertThat(inbound.at(pointer).asString()).isEqualTo(expected);
        });
    }

    static Stream<Arguments> mediaFiles() {
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] ogg = java.util.Arrays.copyOf("OggS".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 64);
        byte[] webp = java.util.Arrays.copyOf("RIFF\0\0\0\0WEBPVP8 ".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 64);
        byte[] mp4 = java.util.Arrays.copyOf("\0\0\0\u0018ftypmp42".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 64);
        byte[] jpeg = java.util.Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 64);
        return Stream.of(
                Arguments.of("image", jpeg, Map.of("caption", "My receipt"), "image/jpeg", "/image/caption", "My receipt"),
                Arguments.of("document", pdf, Map.of("filename", "invoice.pdf"), "application/pdf", "/document/filename", "invoice.pdf"),
                Arguments.of("audio", ogg, Map.of("voice", true), "audio/ogg; codecs=opus", "/audio/voice", "true"),
                Arguments.of("sticker", webp, Map.of(), "image/webp", "/sticker/animated", "false"),
                Arguments.of("video", mp4, Map.of(), "video/mp4", "/video/mime_type", "video/mp4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mediaFiles")
    void mediaArrivesAsAnIdTheBusinessCanDownload(String type, byte[] data, Map<String, Object> extras, String mimeType,
                                                  String pointer, String expected) throws Exception {
        var file = new java.util.HashMap<String, Object>(extras);
        file.put("data", java.util.Base64.getEncoder().encodeToString(data));
        var written = http.post("/sandbox/customers/" + customer + "/messages", null,
                Map.of("to", tenant.phoneNumberId(), "type", type, type, file));
        assertThat(written.status()).as(written.body()).isEqualTo(201);
        var wamid = written.json().get("id").asString();
        var sha256 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(data));

        eventually(() -> {
            var delivery = receiver.inboundMessages().stream()
                    .filter(d -> d.value().at("/messages/0/id").asString().equals(wamid)).findFirst();
            assertThat(delivery).isPresent();
            var inbound = delivery.get().value().at("/messages/0");
            assertThat(inbound.get("type").asString()).isEqualTo(type);
            assertThat(inbound.at("/" + type + "/mime_type").asString()).isEqualTo(mimeType);
            assertThat(inbound.at("/" + type + "/sha256").asString()).isEqualTo(sha256);
            assertThat(inbound.at(pointer).asString()).isEqualTo(expected);
            var mediaId = inbound.at("/" + type + "/id").asString();
            var described = http.get("/v21.0/" + mediaId, tenant.token());
            assertThat(described.status()).as(described.body()).isEqualTo(200);
            assertThat(described.json().get("sha256").asString()).isEqualTo(sha256);
        });
    }

    @Test
    void aFileOfTheWrongKindIsRefused() {
        var pdf = java.util.Base64.getEncoder().encodeToString("%PDF-1.4\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        var asImage = http.post("/sandbox/customers/" + customer + "/messages", null,
                Map.of("to", tenant.phoneNumberId(), "type", "image", "image", Map.of("data", pdf)));
        var notBase64 = http.post("/sandbox/customers/" + customer + "/messages", null,
                Map.of("to", tenant.phoneNumberId(), "type", "image", "image", Map.of("data", "%%%")));

        assertThat(asImage.status()).isEqualTo(400);
        assertThat(asImage.json().get("detail").asString()).contains("application/pdf");
        assertThat(notBase64.status()).isEqualTo(400);
        assertThat(notBase64.json().get("detail").asString()).contains("base64");
    }

    @Test
    void aMessageNoPhoneCouldSendIsRefusedInProblemDetails() {
        var tooLongTitle = http.post("/sandbox/customers/" + customer + "/messages", null, Map.of("to", tenant.phoneNumberId(),
                "type", "interactive", "interactive", Map.of("type", "button_reply",
                        "button_reply", Map.of("id", "x", "title", "t".repeat(25)))));
        var badType = http.post("/sandbox/customers/" + customer + "/messages", null, Map.of("to", tenant.phoneNumberId(),
                "type", "hologram"));

        assertThat(tooLongTitle.status()).isEqualTo(400);
        assertThat(tooLongTitle.json().get("detail").asString()).contains("title must be at most 24");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.json().get("detail").asString()).contains("type must be one of");
    }

    @Test
    void markAsReadTurnsTheCustomersTicksBlueAndTypingLastsUntilTheReply() {
        var first = customerWrites(customer, tenant, "one");
        var second = customerWrites(customer, tenant, "two");

        var read = http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(), Map.of(
                "messaging_product", "whatsapp", "status", "read", "message_id", second,
                "typing_indicator", Map.of("type", "text")));

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().get("success").asBoolean()).isTrue();
        var chat = http.get("/sandbox/customers/" + customer + "/messages", null).json();
        for (var line : chat) {
            if (line.get("id").asString().equals(first) || line.get("id").asString().equals(second)) {
                assertThat(line.get("status").asString()).as(line.toString()).isEqualTo("read");
            }
        }
        assertThat(typingNumbers()).containsExactly(tenant.phoneNumberId());

        sendText(tenant, customer, "Here you go");
        eventually(() -> assertThat(typingNumbers()).isEmpty());
    }

    @Test
    void theTypingIndicatorEndsAfter25Seconds() {
        var wamid = customerWrites(customer, tenant, "hello?");
        http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(), Map.of(
                "messaging_product", "whatsapp", "status", "read", "message_id", wamid,
                "typing_indicator", Map.of("type", "text")));
        assertThat(typingNumbers()).containsExactly(tenant.phoneNumberId());

        advanceClock(Duration.ofSeconds(26));

        assertThat(typingNumbers()).isEmpty();
    }

    @Test
    void markingAMessageTheNumberNeverReceivedIsRefused() {
        var other = onboard();
        var theirs = customerWrites(customer, other, "for the other shop");

        var read = http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(), Map.of(
                "messaging_product", "whatsapp", "status", "read", "message_id", theirs));
        var wrongStatus = http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(), Map.of(
                "messaging_product", "whatsapp", "status", "delivered", "message_id", theirs));

        assertThat(read.status()).isEqualTo(400);
        assertThat(read.errorCode()).isEqualTo(100);
        assertThat(read.json().at("/error/message").asString()).contains("is not a message this phone number received");
        assertThat(wrongStatus.errorCode()).isEqualTo(100);
        assertThat(http.get("/sandbox/customers/" + customer + "/messages", null).json().toString())
                .doesNotContain("\"status\":\"read\"");
    }

    private List<String> typingNumbers() {
        var typing = http.get("/sandbox/customers/" + customer, null).json().get("typing_phone_number_ids");
        var out = new java.util.ArrayList<String>();
        typing.forEach(node -> out.add(node.asString()));
        return out;
    }
}
