package io.openwaba.network.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.AppProcess;
import io.openwaba.support.Http;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole conversations through the relay, its retries and faults, and a crash in the middle of it. */
class CloudRelayTest extends CloudNodeTest {

    @Test
    void aConversationRunsThroughTheRelayBothWays() {
        var meta = numberAtMeta();
        var shop = businessOnCloud(meta);
        var webhooks = newReceiver("shop-verify-1", shop.appSecret());
        var subscribed = cloudHttp.post("/v21.0/" + shop.wabaId() + "/subscribed_apps", shop.token(),
                Map.of("override_callback_uri", webhooks.url(), "verify_token", webhooks.verifyToken()));
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(200);
        var customer = newCustomer();

        var inboundWamid = customerWrites(customer, meta, "Do you ship to Porto?");
        eventually(() -> assertThat(webhooks.inboundMessages()).singleElement().satisfies(delivery -> {
            assertThat(delivery.value().at("/metadata/phone_number_id").asString()).isEqualTo(shop.phoneNumberId());
            assertThat(delivery.value().at("/messages/0/id").asString()).isEqualTo(inboundWamid);
            assertThat(delivery.value().at("/messages/0/text/body").asString()).isEqualTo("Do you ship to Porto?");
            assertThat(delivery.value().at("/contacts/0/wa_id").asString()).isEqualTo(customer);
        }));

        var reply = cloudHttp.post("/v21.0/" + shop.phoneNumberId() + "/messages", shop.token(),
                Map.of("messaging_product", "whatsapp", "to", customer, "type", "text",
                        "text", Map.of("body", "Yes, in two days.")));
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        var wamid = reply.json().at("/messages/0/id").asString();

        eventually(() -> assertThat(webhooks.statusesOf(wamid)).as(webhooks.values("messages").toString())
                .containsExactlyInAnyOrder("sent", "delivered", "read"));
        var chat = http.get("/sandbox/customers/" + customer + "/messages", null);
        assertThat(chat.body()).contains("Yes, in two days.");
    }

    @Test
    void marksAsReadOnTheCloudNodeTurnTheCustomersTicksBlueAtMeta() {
        var conversation = conversation();
        var wamid = conversation.webhooks().inboundMessages().get(0).value().at("/messages/0/id").asString();

        var read = cloudHttp.post("/v21.0/" + conversation.shop().phoneNumberId() + "/messages",
                conversation.shop().token(), Map.of("messaging_product", "whatsapp", "status", "read",
                        "message_id", wamid));

        assertThat(read.status()).as(read.body()).isEqualTo(200);
        eventually(() -> assertThat(http.get("/sandbox/customers/" + conversation.customer() + "/messages", null)
                .json()).anySatisfy(line -> {
                    assertThat(line.get("id").asString()).isEqualTo(wamid);
                    assertThat(line.get("status").asString()).isEqualTo("read");
                }));
    }

    @Test
    void aFreeFormSendOutsideTheWindowFailsLocallyWithoutAskingMeta() {
        var shop = businessOnCloud(numberAtMeta());
        var stranger = newCustomer();
        var refused = cloudHttp.post("/v21.0/" + shop.phoneNumberId() + "/messages", shop.token(),
                Map.of("messaging_product", "whatsapp", "to", stranger, "type", "text", "text", Map.of("body", "Hi")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorCode()).isEqualTo(131047);
        var chat = http.get("/sandbox/customers/" + stranger + "/messages", null);
        assertThat(chat.json().size()).isZero();
    }

    @Test
    void metaWebhooksMustBeSignedWithTheAppSecret() {
        var unsigned = cloudHttp.post("/webhooks/meta", null, Map.of("object", "whatsapp_business_account",
                "entry", List.of()));
        assertThat(unsigned.status()).isEqualTo(401);
        var forged = cloudHttp.send(cloudHttp.request("/webhooks/meta", null)
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"object\":\"whatsapp_business_account\"}")));
        assertThat(forged.status()).isEqualTo(401);
        var huge = cloudHttp.send(cloudHttp.request("/webhooks/meta", null)
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", "sha256=" + "0".repeat(64))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"entry\":\"" + "x".repeat(5_000_000) + "\"}")));
        assertThat(huge.status()).isEqualTo(413);
        var wrongToken = cloudHttp.get("/webhooks/meta?hub.mode=subscribe&hub.challenge=7&hub.verify_token=nope", null);
        assertThat(wrongToken.status()).isEqualTo(403);
        var handshake = cloudHttp.get("/webhooks/meta?hub.mode=subscribe&hub.challenge=7&hub.verify_token="
                + VERIFY_TOKEN, null);
        assertThat(handshake.status()).isEqualTo(200);
        assertThat(handshake.body()).isEqualTo("7");
    }

    @Test
    void onlyTheBspAdminLinksANumberAndMetaMustAcceptTheToken() {
        var meta = numberAtMeta();
        var shop = businessOnCloud(meta);
        var byBusiness = cloudHttp.put("/api/phone-numbers/" + shop.phoneNumberId() + "/cloud", shop.token(),
                Map.of("meta_phone_number_id", meta.phoneNumberId(), "meta_waba_id", meta.wabaId(),
                        "access_token", meta.token()));
        assertThat(byBusiness.status()).isEqualTo(403);
        var badToken = cloudHttp.put("/api/phone-numbers/" + shop.phoneNumberId() + "/cloud", ADMIN_TOKEN,
                Map.of("meta_phone_number_id", meta.phoneNumberId(), "meta_waba_id", meta.wabaId(),
                        "access_token", "not-a-meta-token-123456"));
        assertThat(badToken.status()).isEqualTo(400);
        assertThat(badToken.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        var shown = cloudHttp.get("/api/phone-numbers/" + shop.phoneNumberId() + "/cloud", shop.token());
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).doesNotContain(meta.token()).contains(meta.phoneNumberId());
        assertThat(cloudHttp.get("/sandbox/info", null).status()).isEqualTo(404);
    }

    @Test
    void metaThrottlingIsRetriedAfterItsRetryAfter() {
        var conversation = conversation();
        standIn.answerNext(conversation.messagesPath(), 429, """
                {"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429,
                 "error_data":{"messaging_product":"whatsapp","details":"Too many messages"},"fbtrace_id":"A1"}}""",
                "2");
        var wamid = reply(conversation, "Your order shipped.");

        eventually(() -> assertThat(conversation.webhooks().statusesOf(wamid)).containsExactlyInAnyOrder("sent", "delivered", "read"));
        var tries = standIn.requestsTo(conversation.messagesPath());
        assertThat(tries).hasSize(2);
        assertThat(Duration.between(tries.get(0).at(), tries.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aFinalMetaErrorFailsAtOnceWithMetasErrorAndNoRetry() throws InterruptedException {
        var conversation = conversation();
        standIn.answerNext(conversation.messagesPath(), 400, """
                {"error":{"message":"(#131026) Message undeliverable","type":"OAuthException","code":131026,
                 "error_data":{"messaging_product":"whatsapp","details":"Receiver is incapable of receiving this message"},
                 "fbtrace_id":"A2"}}""", null);
        var wamid = reply(conversation, "Your order shipped.");

        eventually(() -> assertThat(conversation.webhooks().statusesOf(wamid)).containsExactly("failed"));
        var failed = conversation.webhooks().values("messages").stream()
                .filter(v -> v.at("/statuses/0/id").asString("").equals(wamid)).findFirst().orElseThrow();
        assertThat(failed.at("/statuses/0/errors/0/code").asInt()).isEqualTo(131026);
        assertThat(failed.at("/statuses/0/errors/0/error_data/details").asString())
                .isEqualTo("Receiver is incapable of receiving this message");
        Thread.sleep(1500);
        assertThat(standIn.requestsTo(conversation.messagesPath())).hasSize(1);
    }

    @Test
    void aTokenMetaRefusesPausesTheNumberUntilItIsLinkedAgain() throws InterruptedException {
        var conversation = conversation();
        standIn.answerNext(conversation.messagesPath(), 401, """
                {"error":{"message":"Invalid OAuth access token - Cannot parse access token","type":"OAuthException",
                 "code":190,"fbtrace_id":"A3"}}""", null);
        var wamid = reply(conversation, "Your order shipped.");

        var linkPath = "/api/phone-numbers/" + conversation.shop().phoneNumberId() + "/cloud";
        eventually(() -> assertThat(cloudHttp.get(linkPath, ADMIN_TOKEN).json().get("status").asString())
                .isEqualTo("BROKEN"));
        Thread.sleep(2500);
        assertThat(standIn.requestsTo(conversation.messagesPath())).as("paused, not retried").hasSize(1);
        assertThat(conversation.webhooks().statusesOf(wamid)).isEmpty();

        var relinked = cloudHttp.put(linkPath, ADMIN_TOKEN, Map.of("meta_phone_number_id",
                conversation.meta().phoneNumberId(), "meta_waba_id", conversation.meta().wabaId(),
                "access_token", conversation.meta().token()));
        assertThat(relinked.json().get("status").asString()).isEqualTo("LINKED");
        eventually(() -> assertThat(conversation.webhooks().statusesOf(wamid)).containsExactlyInAnyOrder("sent", "delivered", "read"));
        assertThat(standIn.requestsTo(conversation.messagesPath())).hasSize(2);
    }

    @Test
    void aSendMetaDidNotAnswerIsNeverSentTwiceAndMetasStatusesSettleIt() {
        var conversation = conversation();
        standIn.delayNext(conversation.messagesPath(), Duration.ofSeconds(4));
        var wamid = reply(conversation, "Your order shipped.");

        eventually(() -> assertThat(conversation.webhooks().statusesOf(wamid)).containsExactlyInAnyOrder("sent", "delivered", "read"));
        assertThat(standIn.requestsTo(conversation.messagesPath())).hasSize(1);
    }

    @Test
    void aRedeliveredInboundMessageIsStoredOnce() {
        var conversation = conversation();
        var body = inboundFromMeta(conversation, "wamid.redelivered" + randomDigits(10), "Twice?");
        for (int i = 0; i < 2; i++) {
            assertThat(deliverSigned(body)).isEqualTo(200);
        }
        eventually(() -> assertThat(conversation.webhooks().inboundMessages()).hasSize(2));
        sleep(500);
        assertThat(conversation.webhooks().inboundMessages()).as("the first message and the redelivered one, once")
                .hasSize(2);
    }

    @Test
    void aDeliveryThatCannotBeAppliedIsKeptAndHoldsUpNoOther() {
        var conversation = conversation();
        // A message id longer than any wamid openwaba stores: applying this delivery fails every time.
        var unstorable = inboundFromMeta(conversation, "wamid." + "x".repeat(300), "Never stored");
        var fine = inboundFromMeta(conversation, "wamid.fine" + randomDigits(10), "Still here?");
        assertThat(deliverSigned(unstorable)).as("Meta's delivery is taken before it is applied").isEqualTo(200);
        assertThat(deliverSigned(fine)).isEqualTo(200);

        eventually(() -> assertThat(conversation.webhooks().inboundMessages()).hasSize(2)
                .last().satisfies(d -> assertThat(d.value().at("/messages/0/text/body").asString())
                        .isEqualTo("Still here?")));
        var inbox = cloudHttp.get("/api/cloud/inbox", ADMIN_TOKEN);
        assertThat(inbox.status()).isEqualTo(200);
        assertThat(inbox.json().get("pending").asLong()).as("kept to be tried again").isGreaterThanOrEqualTo(1);
        assertThat(cloudHttp.get("/api/cloud/inbox", conversation.shop().token()).status()).isEqualTo(403);
    }

    /** A customer's text as Meta delivers it to the cloud node for the conversation's number. */
    private static byte[] inboundFromMeta(Conversation conversation, String wamid, String text) {
        return """
                {"object":"whatsapp_business_account","entry":[{"id":"%s","changes":[{"field":"messages","value":{
                 "messaging_product":"whatsapp","metadata":{"display_phone_number":"%s","phone_number_id":"%s"},
                 "contacts":[{"profile":{"name":"Ana"},"wa_id":"%s"}],
                 "messages":[{"from":"%s","id":"%s","timestamp":"%d","type":"text",
                   "text":{"body":"%s"}}]}}]}]}""".formatted(conversation.meta().wabaId(), conversation.meta().numberWaId(),
                conversation.meta().phoneNumberId(), conversation.customer(), conversation.customer(), wamid,
                java.time.Instant.now().getEpochSecond(), text).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void aCloudNodeKilledWhileRelayingSendsEachMessageOnceAfterItsRestart() throws Exception {
        var metaApp = onboard();
        raiseThroughput(http, metaApp.phoneNumberId());
        var arguments = new java.util.ArrayList<>(cloudArguments(metaApp));
        arguments.add("--openwaba.messaging.dispatch-lease=3s");
        // H2 saves commits up to a second late by default, so a kill -9 could lose the last of them.
        arguments.add("--openwaba.db.url=jdbc:h2:file:" + java.nio.file.Files.createTempDirectory("cloud-crash")
                + "/openwaba;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0");
        var node = AppProcess.start(arguments);
        try {
            subscribeAtMeta(metaApp, node);
            var shop = businessOn(node.http(), metaApp);
            raiseThroughput(node.http(), shop.phoneNumberId());
            var webhooks = newReceiver("crash-verify", shop.appSecret());
            node.http().post("/v21.0/" + shop.wabaId() + "/subscribed_apps", shop.token(),
                    Map.of("override_callback_uri", webhooks.url(), "verify_token", webhooks.verifyToken()));
            var customers = new java.util.ArrayList<String>();
            for (int i = 0; i < 200; i++) {
                var customer = newCustomer();
                customerWrites(customer, metaApp, "Hi");
                customers.add(customer);
            }
            eventually(() -> assertThat(webhooks.inboundMessages()).hasSize(200));

            var path = "/v21.0/" + metaApp.phoneNumberId() + "/messages";
            var accepted = java.util.concurrent.ConcurrentHashMap.<String>newKeySet();
            var senders = java.util.concurrent.Executors.newFixedThreadPool(8);
            var sendHttp = node.http();
            for (int i = 0; i < 2000; i++) {
                var to = customers.get(i % customers.size());
                var text = "Update " + i;
                senders.submit(() -> {
                    var sent = sendHttp.post("/v21.0/" + shop.phoneNumberId() + "/messages", shop.token(),
                            Map.of("messaging_product", "whatsapp", "to", to, "type", "text", "text", Map.of("body", text)));
                    if (sent.status() == 200) {
                        accepted.add(sent.json().at("/messages/0/id").asString());
                    }
                });
            }
            senders.shutdown();
            assertThat(senders.awaitTermination(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(accepted).hasSize(2000);
            eventually(() -> assertThat(standIn.requestsTo(path).size()).isGreaterThan(300));
            node.kill();
            int beforeRestart = standIn.requestsTo(path).size();
            node = node.restart();
            long restartedAt = System.nanoTime();

            var restarted = node;
            var linkPath = "/api/phone-numbers/" + shop.phoneNumberId() + "/cloud";
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (System.nanoTime() < deadline && relayedWamids(path).size() + restarted.http().get(linkPath,
                    ADMIN_TOKEN).json().get("uncertain_messages").asLong() < 2000) {
                sleep(250);
            }
            var relayed = relayedWamids(path);
            var uncertain = restarted.http().get(linkPath, ADMIN_TOKEN).json().get("uncertain_messages").asLong();
            System.out.printf("killed after %d of 2000 requests had reached Meta; %d uncertain after the restart;"
                    + " all relayed %d s after the restart%n", beforeRestart, uncertain,
                    Duration.ofNanos(System.nanoTime() - restartedAt).toSeconds());
            var twice = relayed.stream().filter(w -> java.util.Collections.frequency(relayed, w) > 1).distinct().toList();
            twice.forEach(w -> standIn.requestsTo(path).stream().filter(r -> r.body().contains(w))
                    .forEach(r -> System.out.println("TWICE " + w + " " + r.at() + " " + r.status())));
            assertThat(relayed.stream().distinct().count()).as("Meta took no message twice").isEqualTo(relayed.size());
            assertThat(accepted).containsAll(relayed);
            assertThat(2000 - relayed.size()).as("not relayed, all of them uncertain").isLessThanOrEqualTo((int) uncertain);
            assertThat(uncertain).as("at most the requests in flight").isLessThanOrEqualTo(16);
        } finally {
            node.close();
        }
    }

    /** Our wamids, as each request Meta took (HTTP 200) carried them in biz_opaque_callback_data. */
    private static List<String> relayedWamids(String path) {
        return standIn.requestsTo(path).stream().filter(request -> request.status() == 200)
                .map(request -> Http.JSON.readTree(request.body()).path("biz_opaque_callback_data").asString(""))
                .filter(wamid -> !wamid.isEmpty()).toList();
    }

}
