package io.openwaba.network.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.Http;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Media through the relay: uploads copied to Meta and sent by our id, customers' media fetched from Meta. */
class CloudMediaTest extends CloudNodeTest {

    @Test
    void anUploadOnTheCloudNodeIsCopiedToMetaAndReachesTheCustomerAsAnImage() throws Exception {
        var conversation = conversation();
        var png = png();

        var upload = uploadMedia(cloudHttp, conversation.shop(), "part.png", "image/png", png);

        assertThat(upload.status()).as(upload.body()).isEqualTo(200);
        var ourId = upload.json().get("id").asString();
        var mediaPath = "/v21.0/" + conversation.meta().phoneNumberId() + "/media";
        assertThat(standIn.requestsTo(mediaPath)).singleElement()
                .satisfies(request -> assertThat(request.status()).isEqualTo(200));
        var described = cloudHttp.get("/v21.0/" + ourId, conversation.shop().token());
        assertThat(described.status()).as(described.body()).isEqualTo(200);
        assertThat(bytes(described.json().get("url").asString(), conversation.shop().token())).isEqualTo(png);

        var sent = cloudHttp.post("/v21.0/" + conversation.shop().phoneNumberId() + "/messages",
                conversation.shop().token(), Map.of("messaging_product", "whatsapp", "to", conversation.customer(),
                        "type", "image", "image", Map.of("id", ourId, "caption", "Is it this one?")));
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        var wamid = sent.json().at("/messages/0/id").asString();

        var webhooks = conversation.webhooks();
        eventually(() -> assertThat(webhooks.statusesOf(wamid)).containsExactlyInAnyOrder("sent", "delivered", "read"));
        var relayed = Http.JSON.readTree(standIn.requestsTo(conversation.messagesPath()).get(0).body());
        var metaId = relayed.at("/image/id").asString();
        assertThat(metaId).isNotEqualTo(ourId).isNotEmpty();
        var received = receivedAtMeta(conversation.customer(), "image");
        assertThat(received.at("/image/id").asString()).isEqualTo(metaId);
        assertThat(received.at("/image/caption").asString()).isEqualTo("Is it this one?");
        var atMetaDescribed = http.get("/v21.0/" + metaId, conversation.meta().token());
        assertThat(bytes(atMetaDescribed.json().get("url").asString(), conversation.meta().token())).isEqualTo(png);

        var again = cloudHttp.post("/v21.0/" + conversation.shop().phoneNumberId() + "/messages",
                conversation.shop().token(), Map.of("messaging_product", "whatsapp", "to", conversation.customer(),
                        "type", "image", "image", Map.of("id", ourId)));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        var secondWamid = again.json().at("/messages/0/id").asString();
        eventually(() -> assertThat(webhooks.statusesOf(secondWamid)).contains("delivered"));
        assertThat(standIn.requestsTo(mediaPath)).as("a copy at Meta serves every send").hasSize(1);
        sleep(300);
        assertThat(webhooks.statusesOf(wamid)).as("each status once").containsExactlyInAnyOrder("sent", "delivered", "read");
    }

    @Test
    void metaRefusingAnUploadIsTheUploadsAnswer() throws Exception {
        var meta = numberAtMeta();
        var shop = businessOnCloud(meta);
        standIn.answerNext("/v21.0/" + meta.phoneNumberId() + "/media", 400, """
                {"error":{"message":"(#131053) Media upload error","type":"OAuthException","code":131053,
                 "error_data":{"messaging_product":"whatsapp","details":"Unsupported file"},"fbtrace_id":"A2"}}""", null);

        var refused = uploadMedia(cloudHttp, shop, "part.png", "image/png", png());

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo(131053);
        assertThat(refused.json().at("/error/error_data/details").asString()).isEqualTo("Unsupported file");
        assertThat(refused.body()).doesNotContain("\"id\"");
    }

    @Test
    void aCustomersImageAtMetaReachesTheBusinessWithAMediaIdOfTheCloudNodeInOrder() throws Exception {
        var conversation = conversation();
        var png = png();

        var written = http.post("/sandbox/customers/" + conversation.customer() + "/messages", null,
                Map.of("to", conversation.meta().phoneNumberId(), "type", "image",
                        "image", Map.of("data", Base64.getEncoder().encodeToString(png), "caption", "The broken part")));
        assertThat(written.status()).as(written.body()).isEqualTo(201);
        // Meta does not promise to deliver two webhooks in the order they were sent: the customer writes
        // again once the image has reached the cloud node, which then asks Meta where this media is.
        var metaMediaId = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(written.json().get("payload").asString()).at("/image/id").asString();
        eventually(() -> assertThat(standIn.requests()).anySatisfy(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo("/v21.0/" + metaMediaId);
        }));
        customerWrites(conversation.customer(), conversation.meta(), "Can you fix it?");

        var webhooks = conversation.webhooks();
        eventually(() -> assertThat(webhooks.inboundMessages()).hasSize(3));
        var image = webhooks.inboundMessages().get(1).value().at("/messages/0");
        assertThat(image.get("type").asString()).isEqualTo("image");
        assertThat(image.has("errors")).isFalse();
        assertThat(image.at("/image/caption").asString()).isEqualTo("The broken part");
        assertThat(webhooks.inboundMessages().get(2).value().at("/messages/0/text/body").asString())
                .as("the customer's next message waits for the download").isEqualTo("Can you fix it?");
        var ourId = image.at("/image/id").asString();
        var described = cloudHttp.get("/v21.0/" + ourId, conversation.shop().token());
        assertThat(described.status()).as(described.body()).isEqualTo(200);
        assertThat(described.json().get("url").asString()).startsWith(cloudHttp.baseUrl());
        assertThat(image.at("/image/sha256").asString()).isEqualTo(described.json().get("sha256").asString());
        assertThat(bytes(described.json().get("url").asString(), conversation.shop().token())).isEqualTo(png);
        assertThat(http.get("/v21.0/" + ourId, conversation.meta().token()).status())
                .as("our id is not Meta's").isNotEqualTo(200);

        // Sent back, the received file has no copy at Meta yet: it is uploaded on first use.
        var sentBack = cloudHttp.post("/v21.0/" + conversation.shop().phoneNumberId() + "/messages",
                conversation.shop().token(), Map.of("messaging_product", "whatsapp", "to", conversation.customer(),
                        "type", "image", "image", Map.of("id", ourId, "caption", "This one?")));
        assertThat(sentBack.status()).as(sentBack.body()).isEqualTo(200);
        var wamid = sentBack.json().at("/messages/0/id").asString();
        eventually(() -> assertThat(webhooks.statusesOf(wamid)).contains("delivered"));
        assertThat(standIn.requestsTo("/v21.0/" + conversation.meta().phoneNumberId() + "/media")).hasSize(1);
        var metaId = receivedAtMeta(conversation.customer(), "image").at("/image/id").asString();
        var atMeta = http.get("/v21.0/" + metaId, conversation.meta().token());
        assertThat(bytes(atMeta.json().get("url").asString(), conversation.meta().token())).isEqualTo(png);
    }

    @Test
    void aFailedDownloadStillDeliversTheMessageWithMetasMediaError() {
        var conversation = conversation();
        var refusedId = randomDigits(16);
        standIn.answerNext("/v21.0/" + refusedId, 500, """
                {"error":{"message":"An unexpected error has occurred.","type":"OAuthException","code":2,"fbtrace_id":"A3"}}""",
                null);
        var unreachableId = randomDigits(16);
        standIn.answerNext("/v21.0/" + unreachableId, 200, """
                {"messaging_product":"whatsapp","url":"http://127.0.0.1:1/whatsapp_business/attachments/?mid=%s",
                 "mime_type":"image/jpeg","sha256":"x","file_size":"1200","id":"%s"}""".formatted(unreachableId,
                unreachableId), null);

        assertThat(deliverSigned(imageWebhook(conversation, refusedId))).isEqualTo(200);
        assertThat(deliverSigned(imageWebhook(conversation, unreachableId))).isEqualTo(200);

        var webhooks = conversation.webhooks();
        eventually(() -> assertThat(webhooks.inboundMessages()).hasSize(3));
        for (var delivery : webhooks.inboundMessages().subList(1, 3)) {
            var message = delivery.value().at("/messages/0");
            assertThat(message.get("type").asString()).isEqualTo("image");
            assertThat(message.at("/image/caption").asString()).isEqualTo("The broken part");
            assertThat(message.at("/image").has("id")).as("Meta's id is no use to the business").isFalse();
            assertThat(message.at("/errors/0/code").asInt()).isEqualTo(131052);
            assertThat(message.at("/errors/0/title").asString()).isEqualTo("Media download error");
            assertThat(message.at("/errors/0/error_data/details").asString())
                    .isEqualTo("Unable to download the media sent by the user.");
        }
    }

    @Test
    void aMediaIdOfAnotherBusinessIsRefused() throws Exception {
        var conversation = conversation();
        var other = businessOnCloud(numberAtMeta());
        var foreignId = uploadMedia(cloudHttp, other, "part.png", "image/png", png()).json().get("id").asString();

        var refused = cloudHttp.post("/v21.0/" + conversation.shop().phoneNumberId() + "/messages",
                conversation.shop().token(), Map.of("messaging_product", "whatsapp", "to", conversation.customer(),
                        "type", "image", "image", Map.of("id", foreignId)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo(100);
        assertThat(cloudHttp.get("/v21.0/" + foreignId, conversation.shop().token()).status()).isNotEqualTo(200);
        sleep(200);
        assertThat(standIn.requestsTo(conversation.messagesPath())).isEmpty();
    }

    /** The last line of the customer's chat at "Meta" of this type, as its payload. */
    private JsonNode receivedAtMeta(String customer, String type) {
        var found = new JsonNode[1];
        eventually(() -> {
            var lines = http.get("/sandbox/customers/" + customer + "/messages", null).json();
            JsonNode last = null;
            for (JsonNode line : lines) {
                if (type.equals(line.path("type").asString(""))) {
                    last = line;
                }
            }
            assertThat(last).as(lines.toString()).isNotNull();
            found[0] = Http.JSON.readTree(last.get("payload").asString());
        });
        return found[0];
    }

    private static byte[] imageWebhook(Conversation conversation, String mediaId) {
        String text;
        try (var in = CloudMediaTest.class.getResourceAsStream("/meta/messages-image.json")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (var value : Map.of("${WABA}", conversation.meta().wabaId(), "${DISPLAY}", conversation.meta().numberWaId(),
                "${META_NUMBER}", conversation.meta().phoneNumberId(), "${CUSTOMER}", conversation.customer(),
                "${META_WAMID}", "wamid.HBgLNDkxNTE" + randomDigits(24), "${MEDIA_ID}", mediaId,
                "${TIME}", String.valueOf(Instant.now().getEpochSecond())).entrySet()) {
            text = text.replace(value.getKey(), value.getValue());
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String url, String token) throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static byte[] png() throws IOException {
        var image = new BufferedImage(4, 3, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0x2a9d8f + (int) (Math.random() * 1000));
        var out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
