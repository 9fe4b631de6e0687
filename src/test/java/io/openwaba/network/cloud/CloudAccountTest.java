package io.openwaba.network.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.Http;
import io.openwaba.support.TestMail;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The account around the relay: a broken link raised as an alert, the profile kept at Meta, numbers imported from Meta. */
class CloudAccountTest extends CloudNodeTest {

    @Test
    void aTokenMetaRefusesRaisesOneSignedAlertAndOneEmailAndShowsInTheNumbersHealth() throws Exception {
        var email = "ops-" + randomDigits(8) + "@shop.example";
        var meta = numberAtMeta();
        var shop = businessOn(cloudHttp, meta, Map.of("name", "Cloud shop", "notification_email", email));
        var conversation = conversation(meta, shop);
        standIn.answerNext(conversation.messagesPath(), 401, """
                {"error":{"message":"Invalid OAuth access token - Cannot parse access token","type":"OAuthException",
                 "code":190,"fbtrace_id":"A3"}}""", null);
        var first = reply(conversation, "Your order shipped.");
        var healthPath = "/api/phone-numbers/" + shop.phoneNumberId() + "/health";
        eventually(() -> assertThat(cloudHttp.get(healthPath, shop.token()).json().at("/cloud_link/status").asString())
                .isEqualTo("BROKEN"));
        var health = cloudHttp.get(healthPath, shop.token()).json().get("cloud_link");
        assertThat(health.get("reason").asString()).contains("Invalid OAuth access token");
        assertThat(health.get("since").asString()).isNotBlank();

        var second = reply(conversation, "And a second one.");
        eventually(() -> assertThat(conversation.webhooks().values("account_alerts")).hasSize(1));
        eventually(() -> assertThat(TestMail.receivedBy(email)).hasSize(1));
        Thread.sleep(2500);
        var alerts = conversation.webhooks().accepted().stream()
                .filter(d -> d.json().at("/entry/0/changes/0/field").asString().equals("account_alerts")).toList();
        assertThat(alerts).as("once per break, not per message").hasSize(1);
        assertThat(alerts.get(0).signatureValid()).isTrue();
        var alert = alerts.get(0).value();
        assertThat(alert.get("entity_type").asString()).isEqualTo("PHONE_NUMBER");
        assertThat(alert.get("entity_id").asString()).isEqualTo(shop.phoneNumberId());
        assertThat(alert.at("/alert_info/alert_severity").asString()).isEqualTo("CRITICAL");
        assertThat(alert.at("/alert_info/alert_status").asString()).isEqualTo("ACTIVE");
        assertThat(alert.at("/alert_info/alert_description").asString()).contains("Invalid OAuth access token");
        var mails = TestMail.receivedBy(email);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).getSubject()).contains("Meta refused its access token");
        assertThat(mails.get(0).getContent().toString()).contains(shop.phoneNumberId(), "Invalid OAuth access token");

        var relinked = cloudHttp.put("/api/phone-numbers/" + shop.phoneNumberId() + "/cloud", ADMIN_TOKEN,
                Map.of("meta_phone_number_id", meta.phoneNumberId(), "meta_waba_id", meta.wabaId(),
                        "access_token", meta.token()));
        assertThat(relinked.status()).as(relinked.body()).isEqualTo(200);
        var mended = cloudHttp.get(healthPath, shop.token()).json().get("cloud_link");
        assertThat(mended.get("status").asString()).isEqualTo("LINKED");
        assertThat(mended.get("reason").isNull()).isTrue();
        eventually(() -> assertThat(conversation.webhooks().statusesOf(first)).contains("sent"));
        eventually(() -> assertThat(conversation.webhooks().statusesOf(second)).contains("sent"));
        assertThat(conversation.webhooks().values("account_alerts")).hasSize(1);
    }

    @Test
    void aProfileUpdatedOnTheCloudNodeIsMetasProfileAndReadsAnswerMetasProfile() {
        var meta = numberAtMeta();
        var shop = businessOnCloud(meta);
        var cloudPath = "/v21.0/" + shop.phoneNumberId() + "/whatsapp_business_profile";
        var metaPath = "/v21.0/" + meta.phoneNumberId() + "/whatsapp_business_profile";

        var updated = cloudHttp.post(cloudPath, shop.token(), Map.of("messaging_product", "whatsapp",
                "about", "Fresh bread daily", "vertical", "RETAIL", "websites", List.of("https://shop.example")));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("success").asBoolean()).isTrue();
        var atMetaNow = http.get(metaPath, meta.token()).json().at("/data/0");
        assertThat(atMetaNow.get("about").asString()).isEqualTo("Fresh bread daily");
        assertThat(atMetaNow.get("vertical").asString()).isEqualTo("RETAIL");

        var changedAtMeta = http.post(metaPath, meta.token(), Map.of("messaging_product", "whatsapp",
                "about", "Changed in Meta's manager"));
        assertThat(changedAtMeta.status()).as(changedAtMeta.body()).isEqualTo(200);
        var read = cloudHttp.get(cloudPath + "?fields=about,websites", shop.token());
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().at("/data/0/about").asString()).isEqualTo("Changed in Meta's manager");
        assertThat(read.json().at("/data/0/websites/0").asString()).isEqualTo("https://shop.example");
        assertThat(standIn.requestsTo(metaPath).get(standIn.requestsTo(metaPath).size() - 1).method()).isEqualTo("GET");
    }

    @Test
    void aProfileUpdateMetaRefusesIsMetasErrorAndIsNotStored() {
        var meta = numberAtMeta();
        var shop = businessOnCloud(meta);
        var cloudPath = "/v21.0/" + shop.phoneNumberId() + "/whatsapp_business_profile";
        var metaPath = "/v21.0/" + meta.phoneNumberId() + "/whatsapp_business_profile";
        standIn.answerNext(metaPath, 400, """
                {"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100,
                 "error_data":{"messaging_product":"whatsapp","details":"Param about is not allowed"},"fbtrace_id":"M1"}}""",
                null);

        var refused = cloudHttp.post(cloudPath, shop.token(), Map.of("messaging_product", "whatsapp", "about", "Nope"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().at("/error/code").asInt()).isEqualTo(100);
        assertThat(refused.json().at("/error/message").asString()).isEqualTo("(#100) Invalid parameter");
        assertThat(refused.json().at("/error/error_data/details").asString()).isEqualTo("Param about is not allowed");
        assertThat(http.get(metaPath, meta.token()).json().at("/data/0/about").isMissingNode()).isTrue();

        var badLocally = cloudHttp.post(cloudPath, shop.token(), Map.of("messaging_product", "whatsapp",
                "vertical", "NOT_A_VERTICAL"));
        assertThat(badLocally.status()).isEqualTo(400);
        assertThat(standIn.requestsTo(metaPath).stream().filter(r -> r.method().equals("POST"))).hasSize(1);
    }

    @Test
    void aProfilePictureHandleGoesToMetaUnchanged() {
        var meta = numberAtMeta();
        var shop = businessOnCloud(meta);
        var metaPath = "/v21.0/" + meta.phoneNumberId() + "/whatsapp_business_profile";
        var handle = "4::aW1hZ2UvanBlZw==:ARZ" + randomDigits(12);
        standIn.answerNext(metaPath, 200, "{\"success\":true}", null);

        var updated = cloudHttp.post("/v21.0/" + shop.phoneNumberId() + "/whatsapp_business_profile", shop.token(),
                Map.of("messaging_product", "whatsapp", "profile_picture_handle", handle));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        var sent = standIn.requestsTo(metaPath).get(0);
        assertThat(Http.JSON.readTree(sent.body()).get("profile_picture_handle").asString()).isEqualTo(handle);
    }
}
