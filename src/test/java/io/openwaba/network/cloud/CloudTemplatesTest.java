package io.openwaba.network.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.Http;
import io.openwaba.support.TestTemplates;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Templates in cloud mode: the library lives at Meta (the sandbox node), checked first on the cloud
 * node, reviewed and scored by Meta, synced from Meta, and Meta's account webhooks applied.
 */
class CloudTemplatesTest extends CloudNodeTest {

    private static Map<String, Object> template(String name, String text) {
        return Map.of("name", name, "language", "en_US", "category", "UTILITY",
                "components", List.of(Map.of("type", "BODY", "text", text)));
    }

    /** The library at "Meta" of the WABA that holds this number. */
    private static String libraryAtMeta(Tenant meta) {
        return "/v21.0/" + meta.wabaId() + "/message_templates";
    }

    private JsonNode atMetaNamed(Tenant meta, String name) {
        var listed = http.get(libraryAtMeta(meta) + "?name=" + name, meta.token());
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        return listed.json().at("/data/0");
    }

    private static long postsToMetasLibrary(Tenant meta) {
        return standIn.requestsTo(libraryAtMeta(meta)).stream().filter(r -> r.method().equals("POST")).count();
    }

    private JsonNode onCloud(String templateId, Tenant shop) {
        var read = cloudHttp.get("/v21.0/" + templateId, shop.token());
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        return read.json();
    }

    private Http.Response sync(Tenant shop) {
        return cloudHttp.post("/api/wabas/" + shop.wabaId() + "/templates/sync", shop.token(), Map.of());
    }

    @Test
    void aTemplateCreatedOnTheCloudNodeIsReviewedByMetaAndItsSendsAreRelayedAndDelivered() {
        var conversation = conversation();
        var meta = conversation.meta();
        var shop = conversation.shop();
        var name = "parcel_" + randomDigits(8);

        var created = cloudHttp.post("/v21.0/" + shop.wabaId() + "/message_templates", shop.token(),
                template(name, "Your parcel has shipped."));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.json().get("status").asString()).isEqualTo("PENDING");
        var ourId = created.json().get("id").asString();
        var atMetaNow = atMetaNamed(meta, name);
        assertThat(atMetaNow.get("status").asString()).isEqualTo("PENDING");
        var metaId = atMetaNow.get("id").asString();
        assertThat(metaId).isNotEqualTo(ourId);
        assertThat(onCloud(ourId, shop).get("status").asString()).isEqualTo("PENDING");

        var approved = http.post("/api/templates/" + metaId + "/approve", ADMIN_TOKEN, Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        eventually(() -> assertThat(onCloud(ourId, shop).get("status").asString()).isEqualTo("APPROVED"));
        eventually(() -> assertThat(conversation.webhooks().values("message_template_status_update"))
                .singleElement().satisfies(value -> {
                    assertThat(value.get("message_template_id").asString()).isEqualTo(ourId);
                    assertThat(value.get("event").asString()).isEqualTo("APPROVED");
                    assertThat(value.get("message_template_name").asString()).isEqualTo(name);
                }));

        var sent = TestTemplates.send(cloudHttp, shop.phoneNumberId(), shop.token(), name, conversation.customer());
        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        var wamid = sent.json().at("/messages/0/id").asString();
        eventually(() -> assertThat(conversation.webhooks().statusesOf(wamid))
                .containsExactlyInAnyOrder("sent", "delivered", "read"));
        assertThat(standIn.requestsTo(conversation.messagesPath()))
                .anySatisfy(request -> assertThat(request.body()).contains("\"template\"", name));
        sleep(500);
        assertThat(conversation.webhooks().statusesOf(wamid)).containsExactlyInAnyOrder("sent", "delivered", "read");
        assertThat(http.get("/sandbox/customers/" + conversation.customer() + "/messages", null).body())
                .contains(name);
    }

    @Test
    void editsAndDeletesOnTheCloudNodeAreMetas() {
        var meta = numberAtMeta();
        var shop = businessOnCloud(meta);
        var name = "receipt_" + randomDigits(8);
        var ourId = cloudHttp.post("/v21.0/" + shop.wabaId() + "/message_templates", shop.token(),
                template(name, "Thanks for your order.")).json().get("id").asString();
        var metaId = atMetaNamed(meta, name).get("id").asString();

        var edited = cloudHttp.post("/v21.0/" + ourId, shop.token(),
                Map.of("components", List.of(Map.of("type", "BODY", "text", "Thank you for your order."))));
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(standIn.requestsTo("/v21.0/" + metaId)).singleElement()
                .satisfies(request -> assertThat(request.method()).isEqualTo("POST"));
        assertThat(atMetaNamed(meta, name).at("/components/0/text").asString()).isEqualTo("Thank you for your order.");
        assertThat(onCloud(ourId, shop).at("/components/0/text").asString()).isEqualTo("Thank you for your order.");

        var deleted = cloudHttp.delete("/v21.0/" + shop.wabaId() + "/message_templates?name=" + name, shop.token());
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(200);
        assertThat(atMetaNamed(meta, name).isMissingNode()).isTrue();
        assertThat(cloudHttp.get("/v21.0/" + ourId, shop.token()).status()).isEqualTo(400);
    }

    @Test
    void aTemplateRefusedHereNeverReachesMetaAndOneMetaRefusesIsMetasErrorAndNotStored() {
        var meta = numberAtMeta();
        var shop = businessOnCloud(meta);
        var library = "/v21.0/" + shop.wabaId() + "/message_templates";
        long before = postsToMetasLibrary(meta);

        var bad = cloudHttp.post(library, shop.token(), template("Not A Valid Name", "Hello"));
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        assertThat(bad.json().at("/error/code").asInt()).isEqualTo(100);
        var noBody = cloudHttp.post(library, shop.token(), Map.of("name", "no_body_" + randomDigits(6),
                "language", "en_US", "category", "UTILITY", "components", List.of()));
        assertThat(noBody.status()).as(noBody.body()).isEqualTo(400);
        assertThat(postsToMetasLibrary(meta)).isEqualTo(before);

        var name = "refused_" + randomDigits(8);
        standIn.answerNext(libraryAtMeta(meta), 400, """
                {"error":{"message":"Invalid parameter","type":"OAuthException","code":100,"error_subcode":2388299,
                 "error_user_title":"Variables can't be at the start or end of the template",
                 "error_user_msg":"Variables can't be at the start or end of the template.","fbtrace_id":"AT1"}}""",
                null);
        var refused = cloudHttp.post(library, shop.token(), template(name, "Your code is ready."));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().at("/error/message").asString()).isEqualTo("Invalid parameter");
        assertThat(refused.json().at("/error/error_subcode").asInt()).isEqualTo(2388299);
        assertThat(postsToMetasLibrary(meta)).isEqualTo(before + 1);
        assertThat(cloudHttp.get(library + "?name=" + name, shop.token()).json().get("data")).isEmpty();

        var created = cloudHttp.post(library, shop.token(), template(name, "Your code is ready."));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        var byHand = cloudHttp.post("/api/templates/" + created.json().get("id").asString() + "/approve",
                ADMIN_TOKEN, Map.of());
        assertThat(byHand.status()).as("Meta reviews in cloud mode").isEqualTo(409);
    }

    @Test
    void aSyncBringsInTemplatesMadeAtMetaAndKeepsOurIds() {
        var meta = numberAtMeta();
        var shop = businessOnCloud(meta);
        var name = "made_at_meta_" + randomDigits(8);
        var madeAtMeta = http.post(libraryAtMeta(meta), meta.token(), template(name, "See you soon."));
        assertThat(madeAtMeta.status()).as(madeAtMeta.body()).isEqualTo(200);
        var metaId = madeAtMeta.json().get("id").asString();

        var first = sync(shop);
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().get("created").asInt()).isPositive();
        var library = "/v21.0/" + shop.wabaId() + "/message_templates";
        var listed = cloudHttp.get(library + "?name=" + name, shop.token()).json().at("/data/0");
        var ourId = listed.get("id").asString();
        assertThat(ourId).isNotEqualTo(metaId);
        assertThat(listed.get("status").asString()).isEqualTo("PENDING");
        assertThat(listed.at("/components/0/text").asString()).isEqualTo("See you soon.");

        var second = sync(shop);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(second.json().get("created").asInt()).isZero();
        assertThat(second.json().get("deleted").asInt()).isZero();
        assertThat(cloudHttp.get(library + "?name=" + name, shop.token()).json().at("/data/0/id").asString())
                .isEqualTo(ourId);
        var listings = standIn.requestsTo(libraryAtMeta(meta)).stream().filter(r -> r.method().equals("GET")).count();
        assertThat(listings).isGreaterThanOrEqualTo(2);

        var approved = http.post("/api/templates/" + metaId + "/approve", ADMIN_TOKEN, Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        eventually(() -> assertThat(onCloud(ourId, shop).get("status").asString()).isEqualTo("APPROVED"));

        var deletedAtMeta = http.delete(libraryAtMeta(meta) + "?name=" + name, meta.token());
        assertThat(deletedAtMeta.status()).as(deletedAtMeta.body()).isEqualTo(200);
        var third = sync(shop);
        assertThat(third.json().get("deleted").asInt()).as(third.body()).isEqualTo(1);
        assertThat(third.json().get("created").asInt()).isZero();
        assertThat(cloudHttp.get("/v21.0/" + ourId, shop.token()).status()).isEqualTo(400);

        var stranger = businessOnCloud(numberAtMeta());
        assertThat(cloudHttp.post("/api/wabas/" + shop.wabaId() + "/templates/sync", stranger.token(), Map.of())
                .status()).isEqualTo(404);
        assertThat(cloudHttp.post("/api/wabas/" + shop.wabaId() + "/templates/sync", ADMIN_TOKEN, Map.of())
                .status()).isEqualTo(200);
    }

    private static String page(String metaId, String name, String next, String after) {
        return """
                {"data":[{"id":"%s","name":"%s","language":"en_US","status":"APPROVED","category":"MARKETING",
                 "parameter_format":"POSITIONAL","components":[{"type":"BODY","text":"Spring sale today"}],
                 "quality_score":{"score":"GREEN"},"rejected_reason":"NONE"}],
                 "paging":{"cursors":{"before":"QVFIUm","after":"%s"}%s}}""".formatted(metaId, name, after,
                next == null ? "" : ",\"next\":\"" + next + "\"");
    }

    @Test
    void aSyncPagesWithMetasAfterCursorOnTheConfiguredGraphUrlAndAllOrNothing() {
        var meta = numberAtMeta();
        var shop = businessOnCloud(meta);
        var first = "paged_a_" + randomDigits(8);
        var second = "paged_b_" + randomDigits(8);
        var gets = standIn.requestsTo(libraryAtMeta(meta)).stream().filter(r -> r.method().equals("GET")).count();
        standIn.answerNext(libraryAtMeta(meta), 200, page("9" + randomDigits(14), first,
                "http://127.0.0.1:9/v21.0/elsewhere/message_templates?after=QVFIUmZA", "QVFIUmZA"), null);
        standIn.answerNext(libraryAtMeta(meta), 200, page("9" + randomDigits(14), second, null, "QVFIUmZB"), null);

        var synced = sync(shop);
        assertThat(synced.status()).as(synced.body()).isEqualTo(200);
        assertThat(synced.json().get("created").asInt()).isEqualTo(2);
        assertThat(standIn.requestsTo(libraryAtMeta(meta)).stream().filter(r -> r.method().equals("GET")).count())
                .as("the second page from the stand-in, not from paging.next").isEqualTo(gets + 2);
        var library = "/v21.0/" + shop.wabaId() + "/message_templates";
        var paged = cloudHttp.get(library + "?name=" + first, shop.token()).json().at("/data/0");
        assertThat(paged.get("status").asString()).isEqualTo("APPROVED");
        assertThat(paged.get("category").asString()).isEqualTo("MARKETING");
        assertThat(paged.at("/quality_score/score").asString()).isEqualTo("GREEN");
        assertThat(cloudHttp.get(library + "?name=" + second, shop.token()).json().get("data")).hasSize(1);

        standIn.answerNext(libraryAtMeta(meta), 200, page("9" + randomDigits(14), "never_" + randomDigits(6),
                "http://127.0.0.1:9/next", "QVFIUmZC"), null);
        standIn.answerNext(libraryAtMeta(meta), 400, """
                {"error":{"message":"(#100) Invalid parameter","type":"OAuthException","code":100,"fbtrace_id":"S1"}}""",
                null);
        var refused = sync(shop);
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("meta_status").asInt()).isEqualTo(400);
        assertThat(refused.json().at("/meta_error/code").asInt()).isEqualTo(100);
        assertThat(cloudHttp.get(library + "?name=never_", shop.token()).json().get("data")).isEmpty();
        assertThat(cloudHttp.get(library + "?name=" + first, shop.token()).json().get("data")).hasSize(1);
    }

    @Test
    void metasTemplateAndNumberUpdatesChangeWhatTheBusinessSees() {
        var conversation = conversation();
        var meta = conversation.meta();
        var shop = conversation.shop();
        var webhooks = conversation.webhooks();
        var name = "quality_" + randomDigits(8);
        var ourId = cloudHttp.post("/v21.0/" + shop.wabaId() + "/message_templates", shop.token(),
                template(name, "Your table is booked.")).json().get("id").asString();
        var metaId = atMetaNamed(meta, name).get("id").asString();
        var now = String.valueOf(Instant.now().getEpochSecond());
        var templateValues = Map.of("WABA", meta.wabaId(), "TEMPLATE", metaId, "NAME", name, "TIME", now);

        assertThat(deliverSigned(fixture("template-quality-update.json", templateValues))).isEqualTo(200);
        eventually(() -> assertThat(onCloud(ourId, shop).at("/quality_score/score").asString()).isEqualTo("YELLOW"));
        eventually(() -> assertThat(webhooks.values("message_template_quality_update")).singleElement()
                .satisfies(value -> {
                    assertThat(value.get("message_template_id").asString()).isEqualTo(ourId);
                    assertThat(value.get("new_quality_score").asString()).isEqualTo("YELLOW");
                }));
        assertThat(deliverSigned(fixture("template-status-paused.json", templateValues))).isEqualTo(200);
        eventually(() -> assertThat(onCloud(ourId, shop).get("status").asString()).isEqualTo("PAUSED"));
        eventually(() -> assertThat(webhooks.values("message_template_status_update")).anySatisfy(value -> {
            assertThat(value.get("message_template_id").asString()).isEqualTo(ourId);
            assertThat(value.get("event").asString()).isEqualTo("PAUSED");
        }));

        // A Meta WABA of its own, so that WABA-wide updates touch this number alone.
        var ownMetaWaba = "7" + randomDigits(14);
        var relinked = cloudHttp.put("/api/phone-numbers/" + shop.phoneNumberId() + "/cloud", ADMIN_TOKEN,
                Map.of("meta_phone_number_id", conversation.meta().phoneNumberId(), "meta_waba_id", ownMetaWaba,
                        "access_token", conversation.meta().token()));
        assertThat(relinked.status()).as(relinked.body()).isEqualTo(200);
        var numberValues = Map.of("WABA", ownMetaWaba, "DISPLAY", conversation.meta().numberWaId(), "TIME", now);
        var health = "/api/phone-numbers/" + shop.phoneNumberId() + "/health";
        assertThat(cloudHttp.get(health, shop.token()).json().get("messaging_limit_tier").asString()).isEqualTo("TIER_1K");

        assertThat(deliverSigned(fixture("phone-number-quality-upgrade.json", numberValues))).isEqualTo(200);
        eventually(() -> assertThat(cloudHttp.get(health, shop.token()).json().get("messaging_limit_tier").asString())
                .isEqualTo("TIER_10K"));
        eventually(() -> assertThat(webhooks.values("phone_number_quality_update")).anySatisfy(value -> {
            assertThat(value.get("event").asString()).isEqualTo("UPGRADE");
            assertThat(value.get("current_limit").asString()).isEqualTo("TIER_10K");
            assertThat(value.get("display_phone_number").asString()).isEqualTo(conversation.meta().numberWaId());
        }));

        assertThat(deliverSigned(fixture("phone-number-quality-flagged.json", numberValues))).isEqualTo(200);
        eventually(() -> {
            var now2 = cloudHttp.get(health, shop.token()).json();
            assertThat(now2.get("status").asString()).isEqualTo("FLAGGED");
            assertThat(now2.get("quality_rating").asString()).isEqualTo("RED");
        });
        eventually(() -> assertThat(webhooks.values("phone_number_quality_update"))
                .anySatisfy(value -> assertThat(value.get("event").asString()).isEqualTo("FLAGGED")));

        assertThat(deliverSigned(fixture("account-update-restriction.json", numberValues))).isEqualTo(200);
        eventually(() -> assertThat(cloudHttp.get(health, shop.token()).json().get("history").toString())
                .contains("ACCOUNT_RESTRICTION"));
        eventually(() -> assertThat(webhooks.values("account_update")).singleElement().satisfies(value ->
                assertThat(value.at("/restriction_info/0/restriction_type").asString())
                        .isEqualTo("RESTRICTED_BIZ_INITIATED_MESSAGING")));

        assertThat(deliverSigned(fixture("business-capability-update.json", numberValues))).isEqualTo(200);
        eventually(() -> assertThat(cloudHttp.get(health, shop.token()).json().get("messaging_limit_tier").asString())
                .isEqualTo("TIER_100K"));
        eventually(() -> assertThat(webhooks.values("business_capability_update")).singleElement().satisfies(value ->
                assertThat(value.get("max_daily_conversation_per_phone").asInt()).isEqualTo(100000)));
    }
}
