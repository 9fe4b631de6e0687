package io.openwaba.network.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.Http;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Numbers imported from a WABA at "Meta": created linked, once, all or nothing. */
class CloudImportTest extends CloudNodeTest {

    /** A WABA of the Meta app's business with these many numbers, its webhooks sent to the cloud node. */
    record MetaWaba(String id, List<Tenant> numbers) {
    }

    MetaWaba wabaAtMeta(int count) {
        var waba = http.post("/api/businesses/" + atMeta.businessId() + "/wabas", ADMIN_TOKEN, Map.of("name", "At Meta"));
        assertThat(waba.status()).as(waba.body()).isEqualTo(201);
        var wabaId = waba.json().get("id").asString();
        var numbers = new ArrayList<Tenant>();
        for (int i = 0; i < count; i++) {
            var number = http.post("/api/wabas/" + wabaId + "/phone-numbers", ADMIN_TOKEN,
                    Map.of("phone_number", "+49176" + randomDigits(8), "verified_name", "Bakery " + i));
            assertThat(number.status()).as(number.body()).isEqualTo(201);
            numbers.add(new Tenant(atMeta.businessId(), wabaId, number.json().get("id").asString(),
                    number.json().get("wa_id").asString(), atMeta.token(), atMeta.appSecret()));
        }
        subscribeAtMeta(numbers.isEmpty() ? atMeta : numbers.get(0), cloud);
        return new MetaWaba(wabaId, numbers);
    }

    /** A business and an empty WABA on the cloud node; its phone number id is left blank. */
    Tenant shopWithoutNumbers(boolean verified) {
        var business = cloudHttp.post("/api/businesses", ADMIN_TOKEN, Map.of("name", "Imported shop"));
        var businessId = business.json().get("id").asString();
        if (verified) {
            cloudHttp.post("/api/businesses/" + businessId + "/verify", ADMIN_TOKEN, Map.of());
        }
        var wabaId = cloudHttp.post("/api/businesses/" + businessId + "/wabas", ADMIN_TOKEN, Map.of("name", "Main"))
                .json().get("id").asString();
        var token = cloudHttp.post("/api/businesses/" + businessId + "/tokens", ADMIN_TOKEN, Map.of("label", "t"))
                .json().get("access_token").asString();
        return new Tenant(businessId, wabaId, null, null, token, business.json().get("app_secret").asString());
    }

    Http.Response importFrom(Tenant shop, String metaWabaId, String token) {
        return cloudHttp.post("/api/wabas/" + shop.wabaId() + "/cloud-import", ADMIN_TOKEN,
                Map.of("meta_waba_id", metaWabaId, "access_token", token));
    }

    List<JsonNode> numbersOnCloud(Tenant shop) {
        var listed = cloudHttp.get("/api/wabas/" + shop.wabaId() + "/phone-numbers", ADMIN_TOKEN);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        var numbers = new ArrayList<JsonNode>();
        listed.json().forEach(numbers::add);
        return numbers;
    }

    static List<String> values(JsonNode array, String field) {
        var values = new ArrayList<String>();
        array.forEach(item -> values.add(item.path(field).asString()));
        return values;
    }

    @Test
    void importCreatesEveryNumberOfTheMetaWabaLinkedAndARerunCreatesNothingMore() {
        var metaWaba = wabaAtMeta(2);
        var shop = shopWithoutNumbers(true);
        var metaIds = metaWaba.numbers().stream().map(Tenant::phoneNumberId).toList();

        var imported = importFrom(shop, metaWaba.id(), atMeta.token());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.body()).doesNotContain(atMeta.token());
        var created = imported.json().get("created");
        assertThat(values(created, "meta_phone_number_id")).containsExactlyInAnyOrderElementsOf(metaIds);
        assertThat(values(created, "verified_name")).containsExactlyInAnyOrder("Bakery 0", "Bakery 1");
        assertThat(imported.json().get("skipped")).isEmpty();
        assertThat(imported.json().get("linked")).isEmpty();

        var onCloud = numbersOnCloud(shop);
        assertThat(onCloud).extracting(n -> n.get("wa_id").asString())
                .containsExactlyInAnyOrderElementsOf(metaWaba.numbers().stream().map(Tenant::numberWaId).toList());
        assertThat(onCloud).extracting(n -> n.get("status").asString()).containsOnly("CONNECTED");
        for (var number : created) {
            var link = cloudHttp.get("/api/phone-numbers/" + number.get("phone_number_id").asString() + "/cloud",
                    shop.token());
            assertThat(link.status()).as(link.body()).isEqualTo(200);
            assertThat(link.json().get("status").asString()).isEqualTo("LINKED");
            assertThat(link.json().get("meta_phone_number_id").asString())
                    .isEqualTo(number.get("meta_phone_number_id").asString());
            assertThat(link.json().get("meta_waba_id").asString()).isEqualTo(metaWaba.id());
            assertThat(link.body()).doesNotContain(atMeta.token());
        }

        var again = importFrom(shop, metaWaba.id(), atMeta.token());
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(again.json().get("created")).isEmpty();
        var skipped = again.json().get("skipped");
        assertThat(values(skipped, "meta_phone_number_id")).containsExactlyInAnyOrderElementsOf(metaIds);
        assertThat(values(skipped, "phone_number_id"))
                .containsExactlyInAnyOrderElementsOf(values(created, "phone_number_id"));
        assertThat(values(skipped, "reason")).allMatch(reason -> reason.startsWith("already linked to openwaba number"));
        assertThat(numbersOnCloud(shop)).hasSize(2);
    }

    @Test
    void aMessageRelaysThroughAnImportedNumberAndTheCustomersAnswerComesBack() {
        var metaWaba = wabaAtMeta(1);
        var meta = metaWaba.numbers().get(0);
        var shopAccount = shopWithoutNumbers(true);
        var imported = importFrom(shopAccount, metaWaba.id(), atMeta.token());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        var numberId = imported.json().at("/created/0/phone_number_id").asString();
        var shop = new Tenant(shopAccount.businessId(), shopAccount.wabaId(), numberId, meta.numberWaId(),
                shopAccount.token(), shopAccount.appSecret());

        var conversation = conversation(meta, shop);
        assertThat(conversation.webhooks().inboundMessages().get(0).json().at("/entry/0/changes/0/value/metadata/phone_number_id")
                .asString()).isEqualTo(numberId);
        var wamid = reply(conversation, "Your bread is ready.");
        eventually(() -> assertThat(conversation.webhooks().statusesOf(wamid)).contains("sent", "delivered"));
        assertThat(standIn.requestsTo(conversation.messagesPath())).extracting(r -> r.status()).contains(200);
        var chat = http.get("/sandbox/customers/" + conversation.customer() + "/messages", null);
        assertThat(chat.body()).contains("Your bread is ready.");
    }

    @Test
    void aTokenMetaRefusesIsAnsweredWithMetasErrorAndImportsNothing() {
        var metaWaba = wabaAtMeta(2);
        var shop = shopWithoutNumbers(true);

        var refused = importFrom(shop, metaWaba.id(), "not-a-token-meta-knows");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
        assertThat(refused.json().get("detail").asString()).contains("Meta refused", metaWaba.id(), "nothing was imported");
        assertThat(refused.json().at("/meta_error/code").asInt()).isEqualTo(190);
        assertThat(refused.json().at("/meta_error/type").asString()).isEqualTo("OAuthException");
        assertThat(refused.json().get("meta_status").asInt()).isEqualTo(401);
        assertThat(numbersOnCloud(shop)).isEmpty();
    }

    @Test
    void aNumberTheWabaCannotHoldRefusesTheWholeImport() {
        var metaWaba = wabaAtMeta(3);
        var unverified = shopWithoutNumbers(false);

        var refused = importFrom(unverified, metaWaba.id(), atMeta.token());
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("2 phone numbers");
        assertThat(numbersOnCloud(unverified)).as("all or nothing").isEmpty();
        var metaIds = metaWaba.numbers().stream().map(Tenant::phoneNumberId).toList();

        var verified = shopWithoutNumbers(true);
        var imported = importFrom(verified, metaWaba.id(), atMeta.token());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(values(imported.json().get("created"), "meta_phone_number_id"))
                .containsExactlyInAnyOrderElementsOf(metaIds);
    }

    @Test
    void everyPageMetaListsIsImportedByItsCursorNotByTheNextUrlMetaSent() {
        var metaWaba = wabaAtMeta(2);
        var shop = shopWithoutNumbers(true);
        var newest = metaWaba.numbers().get(1);
        var path = "/v21.0/" + metaWaba.id() + "/phone_numbers";
        var cursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(newest.phoneNumberId().getBytes(StandardCharsets.UTF_8));
        standIn.answerNext(path, 200, """
                {"data":[{"verified_name":"Bakery 1","display_phone_number":"+%s","quality_rating":"GREEN","id":"%s"}],
                 "paging":{"cursors":{"before":"%s","after":"%s"},
                  "next":"http://127.0.0.1:9/v21.0/%s/phone_numbers?limit=1&after=%s"}}"""
                .formatted(newest.numberWaId(), newest.phoneNumberId(), cursor, cursor, metaWaba.id(), cursor), null);

        var imported = importFrom(shop, metaWaba.id(), atMeta.token());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(values(imported.json().get("created"), "meta_phone_number_id"))
                .containsExactlyInAnyOrderElementsOf(metaWaba.numbers().stream().map(Tenant::phoneNumberId).toList());
        var asked = standIn.requestsTo(path);
        assertThat(asked).hasSize(2);
        assertThat(asked).extracting(r -> r.method()).containsOnly("GET");
    }

    @Test
    void aNumberTheWabaAlreadyHasIsLinkedNotCreatedAgainAndAnotherWabaCannotImportIt() {
        var metaWaba = wabaAtMeta(1);
        var meta = metaWaba.numbers().get(0);
        var shop = shopWithoutNumbers(true);
        var registered = cloudHttp.post("/api/wabas/" + shop.wabaId() + "/phone-numbers", ADMIN_TOKEN,
                Map.of("phone_number", "+" + meta.numberWaId(), "verified_name", "Bakery 0"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        var numberId = registered.json().get("id").asString();

        var imported = importFrom(shop, metaWaba.id(), atMeta.token());
        assertThat(imported.status()).as(imported.body()).isEqualTo(200);
        assertThat(imported.json().get("created")).isEmpty();
        assertThat(values(imported.json().get("linked"), "phone_number_id")).containsExactly(numberId);
        assertThat(cloudHttp.get("/api/phone-numbers/" + numberId + "/cloud", ADMIN_TOKEN)
                .json().get("meta_phone_number_id").asString()).isEqualTo(meta.phoneNumberId());
        assertThat(numbersOnCloud(shop)).hasSize(1);

        var elsewhere = shopWithoutNumbers(true);
        var intoAnother = importFrom(elsewhere, metaWaba.id(), atMeta.token());
        assertThat(intoAnother.status()).as(intoAnother.body()).isEqualTo(200);
        assertThat(values(intoAnother.json().get("skipped"), "reason"))
                .containsExactly("already linked to openwaba number " + numberId);
        assertThat(numbersOnCloud(elsewhere)).isEmpty();
    }

    @Test
    void aPhoneNumberRegisteredUnderAnotherWabaRefusesTheWholeImport() {
        var metaWaba = wabaAtMeta(2);
        var other = shopWithoutNumbers(true);
        var registered = cloudHttp.post("/api/wabas/" + other.wabaId() + "/phone-numbers", ADMIN_TOKEN,
                Map.of("phone_number", "+" + metaWaba.numbers().get(0).numberWaId(), "verified_name", "Bakery 0"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        var shop = shopWithoutNumbers(true);

        var refused = importFrom(shop, metaWaba.id(), atMeta.token());
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("already registered");
        assertThat(numbersOnCloud(shop)).isEmpty();
        assertThat(numbersOnCloud(other)).hasSize(1);
    }

    @Test
    void metaNotAnsweringIsABadGatewayAndImportsNothing() {
        var metaWaba = wabaAtMeta(1);
        var shop = shopWithoutNumbers(true);
        standIn.delayNext("/v21.0/" + metaWaba.id() + "/phone_numbers", java.time.Duration.ofSeconds(3));

        var unanswered = importFrom(shop, metaWaba.id(), atMeta.token());
        assertThat(unanswered.status()).as(unanswered.body()).isEqualTo(502);
        assertThat(unanswered.json().get("detail").asString()).contains("did not answer", "nothing was imported");
        assertThat(numbersOnCloud(shop)).isEmpty();
    }

    @Test
    void onlyTheBspAdminImportsAndBadInputIsRefusedBeforeMetaIsAsked() {
        var shop = shopWithoutNumbers(true);
        var path = "/api/wabas/" + shop.wabaId() + "/cloud-import";
        var body = Map.<String, Object>of("meta_waba_id", atMeta.wabaId(), "access_token", atMeta.token());
        var metaPath = "/v21.0/" + atMeta.wabaId() + "/phone_numbers";
        int askedBefore = standIn.requestsTo(metaPath).size();

        assertThat(cloudHttp.post(path, shop.token(), body).status()).isEqualTo(403);
        var unknown = cloudHttp.post("/api/wabas/999999999/cloud-import", ADMIN_TOKEN, body);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.json().get("detail").asString()).contains("WABA 999999999");
        var noBody = cloudHttp.send(cloudHttp.request(path, ADMIN_TOKEN)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.noBody()));
        assertThat(noBody.status()).as(noBody.body()).isEqualTo(400);
        var badId = cloudHttp.post(path, ADMIN_TOKEN, Map.of("meta_waba_id", "12ab", "access_token", "x"));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.json().get("detail").asString()).contains("meta_waba_id");
        var noToken = cloudHttp.post(path, ADMIN_TOKEN, Map.of("meta_waba_id", atMeta.wabaId()));
        assertThat(noToken.status()).isEqualTo(400);
        assertThat(noToken.json().get("detail").asString()).contains("access_token");
        var notJson = cloudHttp.send(cloudHttp.request(path, ADMIN_TOKEN)
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString("{")));
        assertThat(notJson.status()).isEqualTo(400);

        assertThat(standIn.requestsTo(metaPath)).hasSize(askedBefore);
        assertThat(numbersOnCloud(shop)).isEmpty();
    }
}
