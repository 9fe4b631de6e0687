package io.openwaba.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.PlatformTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextMessagingTest extends PlatformTest {

    @Test
    void replyInsideTheWindowIsAcceptedDeliveredAndReportedThroughSignedWebhooks() {
        var tenant = onboard();
        var receiver = subscribe(tenant);
        var customer = newCustomer();
        var inboundWamid = customerWrites(customer, tenant, "Do you ship to Berlin?");

        var response = sendText(tenant, "+" + customer, "Yes, in two days.");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        var json = response.json();
        assertThat(json.get("messaging_product").asString()).isEqualTo("whatsapp");
        assertThat(json.at("/contacts/0/input").asString()).isEqualTo("+" + customer);
        assertThat(json.at("/contacts/0/wa_id").asString()).isEqualTo(customer);
        var wamid = json.at("/messages/0/id").asString();
        assertThat(wamid).startsWith("wamid.").hasSizeLessThanOrEqualTo(128);
        assertThat(json.at("/messages/0/message_status").asString()).isEqualTo("accepted");

        eventually(() -> assertThat(receiver.statusesOf(wamid)).containsExactlyInAnyOrder("sent", "delivered", "read"));
        eventually(() -> assertThat(receiver.inboundMessages()).hasSize(1));
        assertThat(receiver.deliveries()).allSatisfy(delivery -> {
            assertThat(delivery.signatureValid()).as("X-Hub-Signature-256 of " + delivery.rawBody()).isTrue();
            assertThat(delivery.contentType()).startsWith("application/json");
            assertThat(delivery.webhookId()).isNotBlank();
            assertThat(delivery.json().get("object").asString()).isEqualTo("whatsapp_business_account");
            assertThat(delivery.json().at("/entry/0/id").asString()).isEqualTo(tenant.wabaId());
            assertThat(delivery.json().at("/entry/0/changes/0/field").asString()).isEqualTo("messages");
            assertThat(delivery.value().at("/metadata/phone_number_id").asString()).isEqualTo(tenant.phoneNumberId());
            assertThat(delivery.value().at("/metadata/display_phone_number").asString()).isEqualTo(tenant.numberWaId());
        });

        var inbound = receiver.inboundMessages().get(0).value();
        assertThat(inbound.at("/contacts/0/wa_id").asString()).isEqualTo(customer);
        assertThat(inbound.at("/contacts/0/profile/name").asString()).isEqualTo("Customer " + customer);
        assertThat(inbound.at("/messages/0/id").asString()).isEqualTo(inboundWamid);
        assertThat(inbound.at("/messages/0/from").asString()).isEqualTo(customer);
        assertThat(inbound.at("/messages/0/type").asString()).isEqualTo("text");
        assertThat(inbound.at("/messages/0/text/body").asString()).isEqualTo("Do you ship to Berlin?");
        assertThat(inbound.at("/messages/0/timestamp").asString()).matches("\\d{10}");

        var sent = receiver.accepted().stream().map(d -> d.value())
                .filter(v -> v.at("/statuses/0/status").asString().equals("sent")).findFirst().orElseThrow();
        var status = sent.at("/statuses/0");
        assertThat(status.get("recipient_id").asString()).isEqualTo(customer);
        assertThat(status.get("timestamp").asString()).matches("\\d{10}");
        assertThat(status.at("/conversation/id").asString()).isNotBlank();
        assertThat(status.at("/conversation/expiration_timestamp").asString()).matches("\\d{10}");
        assertThat(status.at("/conversation/origin/type").asString()).isEqualTo("service");
        assertThat(status.at("/pricing/category").asString()).isEqualTo("service");
        assertThat(status.at("/pricing/pricing_model").asString()).isEqualTo("PMP");
        assertThat(status.at("/pricing/billable").isBoolean()).isTrue();

        var chat = http.get("/sandbox/customers/" + customer + "/messages", null).json();
        assertThat(chat).hasSize(2);
        assertThat(chat.get(1).get("id").asString()).isEqualTo(wamid);
        assertThat(chat.get(1).get("direction").asString()).isEqualTo("received");
        eventually(() -> assertThat(http.get("/sandbox/customers/" + customer + "/messages", null).json()
                .get(1).get("status").asString()).isEqualTo("read"));
    }

    @Test
    void freeFormTextIsRefusedOnceTheWindowHasClosed() {
        var tenant = onboard();
        var customer = newCustomer();
        customerWrites(customer, tenant, "hi");
        assertThat(sendText(tenant, customer, "within the window").status()).isEqualTo(200);

        advanceClock(Duration.ofHours(24).plusSeconds(1));

        var refused = sendText(tenant, customer, "still there?");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo(131047);
        assertThat(refused.json().at("/error/message").asString()).contains("Re-engagement message");
        assertThat(refused.json().at("/error/fbtrace_id").asString()).isNotBlank();

        customerWrites(customer, tenant, "back again");
        assertThat(sendText(tenant, customer, "welcome back").status()).isEqualTo(200);
    }

    @Test
    void aConversationEndsAfter24HoursEvenWhileTheCustomerKeepsWriting() {
        var tenant = onboard();
        var receiver = subscribe(tenant);
        var customer = newCustomer();
        customerWrites(customer, tenant, "hi");
        var first = sendText(tenant, customer, "first").json().at("/messages/0/id").asString();
        advanceClock(Duration.ofHours(20));
        customerWrites(customer, tenant, "still here");
        advanceClock(Duration.ofHours(5));
        var second = sendText(tenant, customer, "second").json().at("/messages/0/id").asString();

        eventually(() -> assertThat(receiver.statusesOf(second)).contains("sent"));
        eventually(() -> assertThat(receiver.statusesOf(first)).contains("sent"));
        var firstSent = sentStatus(receiver, first);
        var secondSent = sentStatus(receiver, second);
        assertThat(secondSent.at("/conversation/id").asString())
                .isNotEqualTo(firstSent.at("/conversation/id").asString());
        assertThat(Long.parseLong(secondSent.at("/conversation/expiration_timestamp").asString()))
                .isGreaterThan(Long.parseLong(secondSent.get("timestamp").asString()));
    }

    private static tools.jackson.databind.JsonNode sentStatus(io.openwaba.support.WebhookReceiver receiver,
                                                              String wamid) {
        return receiver.accepted().stream().map(d -> d.value().at("/statuses/0"))
                .filter(s -> s.path("id").asString("").equals(wamid) && s.path("status").asString("").equals("sent"))
                .findFirst().orElseThrow();
    }

    @Test
    void aCustomerWhoNeverWroteCannotGetFreeFormText() {
        var tenant = onboard();
        var refused = sendText(tenant, newCustomer(), "cold outreach");
        assertThat(refused.errorCode()).isEqualTo(131047);
    }

    @Test
    void aCustomerWhoBlockedTheBusinessGetsNothingAndTheSendFailsWith131026() {
        var tenant = onboard();
        var receiver = subscribe(tenant);
        var customer = newCustomer();
        customerWrites(customer, tenant, "hi");
        http.post("/sandbox/customers/" + customer + "/block", null, Map.of("phone_number_id", tenant.phoneNumberId()));

        var accepted = sendText(tenant, customer, "after the block");

        assertThat(accepted.status()).isEqualTo(200);
        var wamid = accepted.json().at("/messages/0/id").asString();
        eventually(() -> assertThat(receiver.statusesOf(wamid)).containsExactly("failed"));
        var failed = statusValue(receiver, wamid);
        assertThat(failed.at("/statuses/0/errors/0/code").asInt()).isEqualTo(131026);
        assertThat(failed.at("/statuses/0/errors/0/title").asString()).isEqualTo("Message undeliverable");
        assertThat(failed.at("/statuses/0").has("pricing")).isFalse();
        var chat = http.get("/sandbox/customers/" + customer + "/messages", null).json();
        assertThat(chat).hasSize(1);
    }

    @Test
    void aRecipientWhoLeftTheNetworkIsReportedFailedWith131026() {
        var tenant = onboard();
        var receiver = subscribe(tenant);
        var customer = newCustomer();
        customerWrites(customer, tenant, "hi, deleting my account now");
        assertThat(http.delete("/sandbox/customers/" + customer, null).status()).isEqualTo(204);

        var accepted = sendText(tenant, customer, "are you there?");

        assertThat(accepted.status()).isEqualTo(200);
        var wamid = accepted.json().at("/messages/0/id").asString();
        eventually(() -> assertThat(receiver.statusesOf(wamid)).containsExactly("failed"));
        assertThat(statusValue(receiver, wamid).at("/statuses/0/errors/0/code").asInt()).isEqualTo(131026);
    }

    @Test
    void clientQuirksAreAccepted() {
        var tenant = onboard();
        var receiver = subscribe(tenant);
        var customer = newCustomer();
        var inbound = customerWrites(customer, tenant, "hi");
        var path = "/v21.0/" + tenant.phoneNumberId() + "/messages";

        // Token as access_token query parameter, trailing slash, spaces and dashes in `to`.
        var queryToken = http.post(path + "/?access_token=" + tenant.token(), null, Map.of(
                "messaging_product", "whatsapp", "to", "+49 " + customer.substring(2, 5) + "-" + customer.substring(5),
                "type", "text", "text", Map.of("body", "query token")));
        assertThat(queryToken.status()).as(queryToken.body()).isEqualTo(200);
        assertThat(queryToken.json().at("/contacts/0/wa_id").asString()).isEqualTo(customer);

        // JSON-encoded string objects, null optionals, a quoted reply, preview_url as a string.
        var body = new HashMap<String, Object>();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", customer);
        body.put("type", "text");
        body.put("text", "{\"body\":\"see https://example.com\",\"preview_url\":\"true\"}");
        body.put("context", "{\"message_id\":\"" + inbound + "\"}");
        body.put("biz_opaque_callback_data", null);
        var quirky = http.post(path, tenant.token(), body);
        assertThat(quirky.status()).as(quirky.body()).isEqualTo(200);

        // OAuth scheme, a different API version, and no version at all.
        var oauth = http.send(http.request("/v19.0/" + tenant.phoneNumberId() + "/messages", null)
                .header("Authorization", "OAuth " + tenant.token()).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"messaging_product\":\"whatsapp\",\"to\":\"" + customer + "\",\"text\":{\"body\":\"v19\"}}")));
        assertThat(oauth.status()).as(oauth.body()).isEqualTo(200);
        var unversioned = http.post("/" + tenant.phoneNumberId() + "/messages", tenant.token(),
                Map.of("messaging_product", "whatsapp", "to", customer, "text", Map.of("body", "no version")));
        assertThat(unversioned.status()).as(unversioned.body()).isEqualTo(200);

        var quirkyWamid = quirky.json().at("/messages/0/id").asString();
        eventually(() -> assertThat(receiver.statusesOf(quirkyWamid)).contains("read"));
        var chat = http.get("/sandbox/customers/" + customer + "/messages", null).json();
        var quoted = payloadOf(chat, quirkyWamid);
        assertThat(quoted).contains("\"preview_url\":true").contains("\"context\":{\"message_id\":\"" + inbound + "\"}");
    }

    @Test
    void callbackDataIsEchoedAndNonAsciiIsEscapedBeforeSigning() {
        var tenant = onboard();
        var receiver = subscribe(tenant);
        var customer = newCustomer();
        customerWrites(customer, tenant, "Grüße aus Köln 👋");
        var sent = http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(), Map.of(
                "messaging_product", "whatsapp", "to", customer, "type", "text",
                "text", Map.of("body", "Danke!"), "biz_opaque_callback_data", "order-42"));
        var wamid = sent.json().at("/messages/0/id").asString();

        eventually(() -> assertThat(receiver.statusesOf(wamid)).contains("read"));
        var inbound = receiver.inboundMessages().get(0);
        assertThat(inbound.rawBody()).contains("Gr\\u00fc\\u00dfe aus K\\u00f6ln \\ud83d\\udc4b");
        assertThat(inbound.rawBody().chars().allMatch(c -> c < 0x7f)).isTrue();
        assertThat(inbound.signatureValid()).isTrue();
        assertThat(inbound.value().at("/messages/0/text/body").asString()).isEqualTo("Grüße aus Köln 👋");
        assertThat(receiver.accepted().stream().map(d -> d.value())
                .filter(v -> v.at("/statuses/0/id").asString().equals(wamid)))
                .allSatisfy(v -> assertThat(v.at("/statuses/0/biz_opaque_callback_data").asString()).isEqualTo("order-42"));
    }

    private static tools.jackson.databind.JsonNode statusValue(io.openwaba.support.WebhookReceiver receiver,
                                                               String wamid) {
        return receiver.accepted().stream().map(d -> d.value())
                .filter(v -> v.at("/statuses/0/id").asString().equals(wamid)).findFirst().orElseThrow();
    }

    private static String payloadOf(tools.jackson.databind.JsonNode chat, String wamid) {
        for (var line : chat) {
            if (line.get("id").asString().equals(wamid)) {
                return line.get("payload").asString();
            }
        }
        throw new AssertionError("no chat line " + wamid);
    }
}
