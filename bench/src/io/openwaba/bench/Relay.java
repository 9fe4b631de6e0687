package io.openwaba.bench;

import io.openwaba.bench.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.openwaba.bench.shared.Log.log;

/**
 * The relay modes: the server under load runs with {@code openwaba.network=cloud} and relays to a second
 * openwaba in sandbox mode that plays Meta ({@code --meta-url}), or to the generator's minimal Meta
 * ({@code --minimal-meta}, {@link #onMinimalMeta}). The numbers and customers are set up at "Meta"
 * as in the other modes; this mirrors them on the cloud node: a verified business with one WABA, each number
 * registered with the same phone number and linked to its number at "Meta", a token for the sends, and Meta's
 * webhooks for the demo WABA subscribed to the cloud node's {@code /webhooks/meta}.
 */
final class Relay {

    /** The business on the cloud node the sends go out from, and its numbers in the order of Meta's. */
    record Mirrored(Sandbox business, BusinessNumbers numbers) {
    }

    private Relay() {
    }

    /** A minimal Meta's numbers ids: the bench invents them, as Meta knows them only by these. */
    private static final long FIRST_MINIMAL_META_ID = 990000000000001L;
    private static final long FIRST_MINIMAL_META_NUMBER = 4917622220000L;
    static final String MINIMAL_META_WABA = "990000000000000";

    /**
     * The cloud node's business against the generator's minimal Meta: {@code --numbers} numbers, each linked
     * to an invented Meta number id, with a token the minimal Meta accepts whatever it is.
     */
    static List<String> minimalMetaIds(Options options) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < options.numbers(); i++) {
            ids.add(String.valueOf(FIRST_MINIMAL_META_ID + i));
        }
        return ids;
    }

    static Mirrored onMinimalMeta(Options options, SetupClient cloud) throws InterruptedException {
        List<String> metaIds = minimalMetaIds(options);
        Map<String, String> waIds = new LinkedHashMap<>();
        for (int i = 0; i < metaIds.size(); i++) {
            waIds.put(metaIds.get(i), String.valueOf(FIRST_MINIMAL_META_NUMBER + i));
        }
        return link(options, cloud, metaIds, waIds, MINIMAL_META_WABA, "minimal-meta-token", "v21.0");
    }

    static Mirrored mirror(Options options, Sandbox meta, BusinessNumbers metaNumbers, SetupClient atMeta,
                           SetupClient cloud) throws InterruptedException {
        Map<String, String> waIds = new LinkedHashMap<>();
        for (Object number : Json.list(atMeta.adminJson("GET", "/api/wabas/" + meta.wabaId() + "/phone-numbers",
                null, Set.of(200)))) {
            Map<String, Object> fields = Json.object(number);
            waIds.put(Json.text(fields.get("id")), Json.text(fields.get("wa_id")));
        }
        Mirrored mirrored = link(options, cloud, metaNumbers.ids(), waIds, meta.wabaId(), meta.accessToken(),
                meta.graphVersion());
        atMeta.sendAll("subscribe the cloud node at Meta", List.of(atMeta.post(
                "/" + meta.graphVersion() + "/" + meta.wabaId() + "/subscribed_apps", meta.accessToken(),
                "{\"override_callback_uri\":" + Json.quote(options.baseUrl() + "/webhooks/meta")
                        + ",\"verify_token\":" + Json.quote(options.metaVerifyToken()) + "}")), Set.of(200));
        return mirrored;
    }

    private static Mirrored link(Options options, SetupClient cloud, List<String> metaIds, Map<String, String> waIds,
                                 String metaWabaId, String metaToken, String graphVersion)
            throws InterruptedException {
        Map<String, Object> business = Json.object(cloud.adminJson("POST", "/api/businesses",
                "{\"name\":\"Relay bench\"}", Set.of(200, 201)));
        String businessId = Json.text(business.get("id"));
        cloud.adminJson("POST", "/api/businesses/" + businessId + "/verify", "{}", Set.of(200, 204));
        String wabaId = Json.text(Json.object(cloud.adminJson("POST", "/api/businesses/" + businessId + "/wabas",
                "{\"name\":\"Main\"}", Set.of(200, 201))).get("id"));
        log("creating %d numbers on the cloud node and linking them to Meta's", metaIds.size());
        List<String> ids = new ArrayList<>();
        for (String metaId : metaIds) {
            String id = Json.text(Json.object(cloud.adminJson("POST", "/api/wabas/" + wabaId + "/phone-numbers",
                    "{\"phone_number\":" + Json.quote("+" + waIds.get(metaId)) + ",\"verified_name\":\"Bench\"}",
                    Set.of(200, 201))).get("id"));
            cloud.adminJson("PUT", "/api/phone-numbers/" + id + "/cloud", "{\"meta_phone_number_id\":"
                    + Json.quote(metaId) + ",\"meta_waba_id\":" + Json.quote(metaWabaId) + ",\"access_token\":"
                    + Json.quote(metaToken) + "}", Set.of(200));
            if (options.throughput() > 0) {
                cloud.adminJson("PUT", "/api/phone-numbers/" + id + "/throughput",
                        "{\"messages_per_second\":" + options.throughput() + "}", Set.of(200, 204));
            }
            ids.add(id);
        }
        String token = Json.text(Json.object(cloud.adminJson("POST", "/api/businesses/" + businessId + "/tokens",
                "{\"label\":\"relay bench\"}", Set.of(200, 201))).get("access_token"));
        Sandbox onCloud = new Sandbox(graphVersion, token, wabaId, ids.get(0), Json.text(business.get("app_secret")));
        return new Mirrored(onCloud, BusinessNumbers.read(onCloud, cloud, ids));
    }
}
