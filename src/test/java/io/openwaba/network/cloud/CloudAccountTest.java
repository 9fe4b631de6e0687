package io.openwaba.network.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.TestMail;
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
}
