package io.openwaba.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.Http;
import io.openwaba.support.PlatformTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input is never a 500: a table of hostile requests over every endpoint family, each refused
 * with a 4xx in its API's envelope, and nothing of them stored.
 */
class HostileInputTest extends PlatformTest {

    private static final List<String> TABLES = List.of("tenancy_business", "tenancy_waba", "tenancy_token",
            "numbers_phone_number", "numbers_feedback", "messaging_message", "media_object", "qr_code",
            "templates_template", "catalog_catalog", "catalog_product", "network_customer", "network_block",
            "network_chat_message", "webhooks_subscription", "profile_business_profile");

    enum Family { GRAPH, MANAGEMENT }

    record Hostile(Family family, String method, String path, String contentType, String body, String why) {
        @Override
        public String toString() {
            return method + " " + path + " [" + why + "]";
        }
    }

    @Autowired
    JdbcClient jdbc;

    @Value("${openwaba.api.max-body-bytes}")
    long apiMaxBodyBytes;

    private Tenant tenant;
    private String customer;

    @BeforeEach
    void tenantAndCustomer() {
        tenant = onboard();
        customer = newCustomer();
    }

    @Test
    void everyHostileRequestIsRefusedInItsApisEnvelopeAndStoresNothing() {
        var table = table();
        assertThat(table).hasSizeGreaterThanOrEqualTo(200);
        var before = rowCounts();
        var failures = new ArrayList<String>();
        var statuses = new TreeMap<Integer, Integer>();
        for (Hostile hostile : table) {
            var response = send(hostile);
            statuses.merge(response.status(), 1, Integer::sum);
            var problem = verdict(hostile, response);
            if (problem != null) {
                failures.add(hostile + " -> " + response.status() + " " + problem + ": " + response.body());
            }
        }
        assertThat(failures).as(table.size() + " requests, answered " + statuses).isEmpty();
        assertThat(rowCounts()).isEqualTo(before);
    }

    @Test
    void aNulInAnyJsonStringIsBadInputOnPostgresqlAndH2Alike() {
        var qr = http.post("/v21.0/" + tenant.phoneNumberId() + "/message_qrdls", tenant.token(),
                Map.of("prefilled_message", "a\u0000b", "generate_qr_image", "PNG"));
        assertGraphError(qr, 400, 100);
        var template = http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(),
                Map.of("messaging_product", "whatsapp", "to", customer, "type", "template",
                        "template", Map.of("name", "hello_world", "language", Map.of("code", "en\u0000"))));
        assertGraphError(template, 400, 100);
        var image = http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(),
                Map.of("messaging_product", "whatsapp", "to", customer, "type", "image", "image", Map.of("id", "12\u00003")));
        assertGraphError(image, 400, 100);
        var verifyToken = http.post("/v21.0/" + tenant.wabaId() + "/subscribed_apps", tenant.token(),
                Map.of("override_callback_uri", "http://127.0.0.1:9/hook", "verify_token", "t\u0000"));
        assertGraphError(verifyToken, 400, 100);
        var name = http.post("/sandbox/customers", null, Map.of("wa_id", "+4915550" + randomDigits(6), "name", "x\u0000y"));
        assertProblem(name, 400);
        var block = http.post("/sandbox/customers/" + customer + "/block", null,
                Map.of("phone_number_id", tenant.phoneNumberId() + "\u0000"));
        assertProblem(block, 400);
    }

    @Test
    void undecodablePercentEncodingIsBadInputNotAnInternalError() {
        var templates = "/v21.0/" + tenant.wabaId() + "/message_templates";
        for (String query : List.of("?after=%%%", "?language=%ff", "?language=%ed%a0%80")) {
            assertGraphError(send(new Hostile(Family.GRAPH, "GET", templates + query, null, null, "")), 400, 100);
        }
        assertProblem(send(new Hostile(Family.MANAGEMENT, "GET", "/sandbox/customers/" + customer + "/messages?limit=%%%",
                null, null, "")), 400);
        assertProblem(send(new Hostile(Family.MANAGEMENT, "GET", "/api/businesses?x=%ff", null, null, "")), 400);
    }

    @Test
    void aNulInThePathIsRefusedByTheServer() {
        assertThat(http.get("/sandbox/customers/49151%00/messages", null).status()).isEqualTo(400);
    }

    @Test
    void aCallbackPortOutOfRangeIsACallbackError() {
        var response = http.post("/v21.0/" + tenant.wabaId() + "/subscribed_apps", tenant.token(),
                Map.of("override_callback_uri", "http://127.0.0.1:99999/hook", "verify_token", "t"));
        assertGraphError(response, 400, 2200);
        assertThat(response.json().at("/error/message").asString()).contains("port 99999");
    }

    @Test
    void aWildcardContentTypeIsUnsupportedOnTheSandboxApi() {
        var response = http.send(http.request("/sandbox/customers", null).header("Content-Type", "application/*")
                .POST(HttpRequest.BodyPublishers.ofString("{\"wa_id\":\"+4915550" + randomDigits(6) + "\"}")));
        assertProblem(response, 415);
    }

    @Test
    void theErrorPageIsNoEndpoint() {
        assertProblem(http.get("/error", null), 404);
        assertProblem(http.post("/error", null, Map.of()), 404);
    }

    @Test
    void aDeclaredBodyOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            // None of the body is ever sent: the answer has to come before it is read.
            var head = "POST /sandbox/customers HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + (apiMaxBodyBytes * 8) + "\r\nExpect: 100-continue\r\n"
                    + "Connection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            var answer = new String(socket.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
            assertThat(answer).contains("HTTP/1.1 413").contains("application/problem+json")
                    .contains("openwaba.api.max-body-bytes");
        }
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefused() {
        byte[] body = new byte[(int) apiMaxBodyBytes + 1];
        Arrays.fill(body, (byte) ' ');
        var response = http.send(http.request("/sandbox/customers", null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
        assertProblem(response, 413);
    }

    @Test
    void mediaDownloadsForbidContentSniffing() {
        byte[] jpeg = Arrays.copyOf(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0}, 64);
        var uploaded = uploadMedia(tenant, "photo.jpg", "image/jpeg", jpeg);
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(200);
        var download = http.get("/media/" + uploaded.json().get("id").asString(), tenant.token());
        assertThat(download.status()).isEqualTo(200);
        assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void reactionsAndRepliesCannotNameAnotherBusinesssMessage() {
        var other = onboard();
        var othersWamid = customerWrites(customer, other, "to the other business");
        customerWrites(customer, tenant, "hello");
        var reaction = http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(),
                Map.of("messaging_product", "whatsapp", "to", customer, "type", "reaction",
                        "reaction", Map.of("message_id", othersWamid, "emoji", "\uD83D\uDC4D")));
        assertGraphError(reaction, 400, 100);
        var reply = http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(),
                Map.of("messaging_product", "whatsapp", "to", customer, "type", "text",
                        "context", Map.of("message_id", othersWamid), "text", Map.of("body", "re")));
        assertGraphError(reply, 400, 100);
    }

    private List<Hostile> table() {
        var p = tenant.phoneNumberId();
        var w = tenant.wabaId();
        var b = tenant.businessId();
        var g = "/v21.0/";
        var table = new ArrayList<Hostile>();
        var graph = Family.GRAPH;
        bodies(table, graph, "POST", g + p + "/messages", Map.of("messaging_product", "whatsapp", "to", customer,
                "type", "text", "text", Map.of("body", "hi"), "biz_opaque_callback_data", "x"));
        bodies(table, graph, "POST", g + p + "/messages", Map.of("messaging_product", "whatsapp", "to", customer,
                "type", "image", "image", Map.of("id", "123456", "caption", "c")));
        bodies(table, graph, "POST", g + p + "/messages", Map.of("messaging_product", "whatsapp", "to", customer,
                "type", "template", "template", Map.of("name", "hello_world", "language", Map.of("code", "en_US"))));
        bodies(table, graph, "POST", g + p + "/messages", Map.of("messaging_product", "whatsapp", "to", customer,
                "type", "reaction", "reaction", Map.of("message_id", "wamid.x", "emoji", "\uD83D\uDC4D"),
                "context", Map.of("message_id", "wamid.y")));
        bodies(table, graph, "POST", g + p + "/messages",
                Map.of("messaging_product", "whatsapp", "status", "read", "message_id", "wamid.x"));
        bodies(table, graph, "POST", g + w + "/message_templates", Map.of("name", "hostile_t",
                "language", "en_US", "category", "UTILITY", "components", List.of(Map.of("type", "BODY", "text", "Hi"))));
        bodies(table, graph, "POST", g + "1234567890123", Map.of("category", "UTILITY"));
        bodies(table, graph, "POST", g + p + "/message_qrdls",
                Map.of("prefilled_message", "hello", "generate_qr_image", "PNG"));
        bodies(table, graph, "POST", g + p + "/message_qrdls/ABCDEFGHIJKLMN", Map.of("prefilled_message", "x"));
        bodies(table, graph, "POST", g + p + "/whatsapp_business_profile", Map.of("messaging_product", "whatsapp",
                "about", "x", "email", "a@b.example", "websites", List.of("https://a.example")));
        bodies(table, graph, "POST", g + w + "/subscribed_apps",
                Map.of("override_callback_uri", "http://127.0.0.1:9/hook", "verify_token", "t"));
        bodies(table, graph, "POST", g + p + "/register", Map.of("messaging_product", "whatsapp", "pin", "123456"));
        bodies(table, graph, "POST", g + p + "/request_code", Map.of("code_method", "SMS", "language", "en"));
        bodies(table, graph, "POST", g + p + "/verify_code", Map.of("code", "123456"));
        bodies(table, graph, "POST", g + w + "/phone_numbers",
                Map.of("cc", "49", "phone_number", "1761234567", "verified_name", "Shop"));
        for (String path : List.of(g + w + "/message_templates", g + w + "/phone_numbers", g + p + "/message_qrdls",
                g + p + "/whatsapp_business_profile", g + p, g + w + "/subscribed_apps", "/media/123456",
                "/qr/ABCDEFGHIJKLMN.png")) {
            queries(table, graph, "GET", path);
        }
        for (String path : List.of(g + w + "/message_templates?name=x", g + "123456", g + w + "/subscribed_apps",
                g + p + "/message_qrdls/ABCDEFGHIJKLMN")) {
            queries(table, graph, "DELETE", path);
        }
        table.addAll(media(g + p + "/media"));

        var api = Family.MANAGEMENT;
        bodies(table, api, "POST", "/api/businesses", Map.of("name", "x", "notification_email", "a@b.example"));
        bodies(table, api, "POST", "/api/businesses/" + b + "/wabas", Map.of("name", "x"));
        bodies(table, api, "POST", "/api/businesses/" + b + "/tokens", Map.of("label", "x"));
        bodies(table, api, "POST", "/api/wabas/" + w + "/phone-numbers",
                Map.of("phone_number", "+4917612345678", "verified_name", "Shop"));
        bodies(table, api, "PUT", "/api/catalogs/1/products/sku-1",
                Map.of("name", "x", "price", "1.00", "currency", "EUR", "image_url", "https://a.example/x.png"));
        bodies(table, api, "PUT", "/api/wabas/" + w + "/webhook",
                Map.of("callback_url", "http://127.0.0.1:9/hook", "verify_token", "t"));
        bodies(table, api, "POST", "/api/templates/123/reject", Map.of("reason", "x", "note", "y"));
        bodies(table, api, "PUT", "/api/phone-numbers/" + p + "/messaging-limit", Map.of("tier", "TIER_1K"));
        bodies(table, api, "PUT", "/api/phone-numbers/" + p + "/human-agent", Map.of("human_agent", "on"));
        bodies(table, api, "POST", "/api/phone-numbers/" + p + "/migrate", Map.of("waba_id", w));
        for (String path : List.of("/api/businesses", "/api/businesses/" + b, "/api/wabas/" + w,
                "/api/businesses/" + b + "/mail", "/api/phone-numbers/" + p + "/health", "/api/wabas/" + w + "/catalog",
                "/api/wabas/" + w + "/webhook/dead-letters")) {
            queries(table, api, "GET", path);
        }
        queries(table, api, "DELETE", "/api/tokens/123");

        bodies(table, api, "POST", "/sandbox/customers",
                Map.of("wa_id", "+4915550" + randomDigits(6), "name", "x", "country", "DE"));
        bodies(table, api, "POST", "/sandbox/customers/" + customer + "/messages",
                Map.of("to", p, "type", "text", "text", Map.of("body", "hi")));
        bodies(table, api, "POST", "/sandbox/customers/" + customer + "/open-link",
                Map.of("url", "https://wa.me/message/ABCDEFGHIJKLMN"));
        for (String action : List.of("block", "report", "unblock")) {
            bodies(table, api, "POST", "/sandbox/customers/" + customer + "/" + action, Map.of("phone_number_id", p));
        }
        bodies(table, api, "POST", "/sandbox/clock/advance", Map.of("duration", "PT1S"));
        for (String path : List.of("/sandbox/customers", "/sandbox/customers/" + customer,
                "/sandbox/customers/" + customer + "/messages", "/sandbox/clock", "/sandbox/info",
                "/sandbox/businesses/" + p)) {
            queries(table, api, "GET", path);
        }
        queries(table, api, "DELETE", "/sandbox/customers/" + customer);
        return table;
    }

    /** A valid body made hostile: a NUL in each of its strings in turn, then broken as a whole. */
    private static void bodies(List<Hostile> table, Family family, String method, String path, Map<String, Object> valid) {
        var json = (ObjectNode) Http.JSON.valueToTree(valid);
        for (String pointer : stringLeaves(json, "")) {
            var copy = json.deepCopy();
            var key = pointer.substring(pointer.lastIndexOf('/') + 1);
            var parent = pointer.substring(0, pointer.lastIndexOf('/'));
            var holder = parent.isEmpty() ? copy : copy.at(parent);
            if (holder instanceof ArrayNode array) {
                array.set(Integer.parseInt(key), array.get(Integer.parseInt(key)).asString() + "\u0000");
            } else {
                ((ObjectNode) holder).put(key, holder.get(key).asString() + "\u0000");
            }
            table.add(new Hostile(family, method, path, "application/json", Http.JSON.writeValueAsString(copy),
                    "NUL in " + pointer));
        }
        var body = Http.JSON.writeValueAsString(json);
        var query = path + (path.contains("?") ? "&" : "?");
        table.add(new Hostile(family, method, path, "application/json", "{\"name\":", "truncated JSON"));
        table.add(new Hostile(family, method, path, "application/json", "[1,2]", "a JSON array"));
        table.add(new Hostile(family, method, path, "application/json", "{\"name\":\"a\u0000b\"}", "a raw NUL byte"));
        table.add(new Hostile(family, method, path, "application/json", "{\"name\":\"\\\\\\u0000\"}",
                "an escaped NUL after an escaped backslash"));
        table.add(new Hostile(family, method, path, "application/*", body, "a wildcard content type"));
        table.add(new Hostile(family, method, path, ";;;", body, "an unreadable content type"));
        table.add(new Hostile(family, method, query + "after=%%%", "application/json", body, "malformed query"));
        table.add(new Hostile(family, method, query + "q=%ff", "application/json", body, "invalid UTF-8 in the query"));
        table.add(new Hostile(family, method, query + "q=a%00b", "application/json", body, "NUL in the query"));
        table.add(new Hostile(family, method, path, "application/x-www-form-urlencoded", "a=%%%", "malformed form"));
        table.add(new Hostile(family, method, path, "application/x-www-form-urlencoded", "a=%ed%a0%80",
                "an encoded lone surrogate in a form"));
        table.add(new Hostile(family, method, path, "application/x-www-form-urlencoded", "a=x%00", "NUL in a form"));
    }

    private static void queries(List<Hostile> table, Family family, String method, String path) {
        var query = path + (path.contains("?") ? "&" : "?");
        for (String hostile : List.of("after=%%%", "language=%ff", "language=%ed%a0%80", "name=a%00b", "%00=x")) {
            table.add(new Hostile(family, method, query + hostile, null, null, "query " + hostile));
        }
        table.add(new Hostile(family, method, path, "application/*", null, "a wildcard content type"));
    }

    private List<Hostile> media(String path) {
        var out = new ArrayList<Hostile>();
        var boundary = "hostile" + randomDigits(8);
        var part = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n";
        var file = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n"
                + "Content-Type: image/jpeg\r\n\r\n\u00ff\u00d8\u00ff\u00e0\r\n--" + boundary + "--\r\n";
        var multipart = "multipart/form-data; boundary=" + boundary;
        out.add(new Hostile(Family.GRAPH, "POST", path, multipart,
                part.formatted("messaging_product", "whatsapp") + part.formatted("type", "image/jpeg\u0000") + file,
                "NUL in the type part"));
        out.add(new Hostile(Family.GRAPH, "POST", path, multipart,
                part.formatted("messaging_product", "what\u0000sapp") + part.formatted("type", "image/jpeg") + file,
                "NUL in the messaging_product part"));
        out.add(new Hostile(Family.GRAPH, "POST", path, "multipart/form-data", "garbage", "multipart without a boundary"));
        out.add(new Hostile(Family.GRAPH, "POST", path, multipart, "--" + boundary + "\r\nbroken", "truncated multipart"));
        out.add(new Hostile(Family.GRAPH, "POST", path + "?messaging_product=whatsapp&type=%%%", multipart, file,
                "malformed query beside a file"));
        out.add(new Hostile(Family.GRAPH, "POST", path, "application/json", "{\"messaging_product\":\"whatsapp\"}",
                "not multipart"));
        return out;
    }

    private static List<String> stringLeaves(JsonNode node, String at) {
        var out = new ArrayList<String>();
        if (node.isString()) {
            out.add(at);
        } else if (node.isObject()) {
            node.propertyNames().forEach(name -> out.addAll(stringLeaves(node.get(name), at + "/" + name)));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.addAll(stringLeaves(node.get(i), at + "/" + i));
            }
        }
        return out;
    }

    /** Over a plain socket: the JDK's client refuses to send a malformed query. HTTP/1.0 keeps the answer unchunked. */
    private Http.Response send(Hostile hostile) {
        var token = hostile.path().startsWith("/sandbox") ? null
                : hostile.path().startsWith("/api") ? ADMIN_TOKEN : tenant.token();
        byte[] body = hostile.body() == null ? new byte[0] : hostile.body().getBytes(
                hostile.contentType().startsWith("multipart") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        var head = new StringBuilder(hostile.method() + " " + hostile.path() + " HTTP/1.0\r\nHost: localhost\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        if (hostile.contentType() != null) {
            head.append("Content-Type: ").append(hostile.contentType()).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        try (var socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            var raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = raw.indexOf("\r\n\r\n");
            var lines = raw.substring(0, split).split("\r\n");
            var headers = new TreeMap<String, List<String>>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon), name -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            return new Http.Response(Integer.parseInt(lines[0].split(" ")[1]), raw.substring(split + 4),
                    HttpHeaders.of(headers, (name, value) -> true));
        } catch (IOException e) {
            throw new IllegalStateException(hostile.toString(), e);
        }
    }

    /** Why the answer is wrong, or null when it is a 4xx in the family's envelope. */
    private static String verdict(Hostile hostile, Http.Response response) {
        if (response.status() < 400 || response.status() >= 500) {
            return "not a 4xx";
        }
        JsonNode json;
        try {
            json = response.json();
        } catch (RuntimeException notJson) {
            return "not JSON";
        }
        if (hostile.family() == Family.GRAPH) {
            return json.at("/error/code").isInt() && json.at("/error/is_transient").isBoolean()
                    && !json.at("/error/is_transient").asBoolean() && json.at("/error/fbtrace_id").isString()
                    ? null : "not the Graph envelope";
        }
        var type = response.headers().firstValue("Content-Type").orElse("");
        return type.startsWith("application/problem+json") && json.path("status").asInt() == response.status()
                ? null : "not problem details";
    }

    private Map<String, Long> rowCounts() {
        var counts = new LinkedHashMap<String, Long>();
        for (String table : TABLES) {
            counts.put(table, jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single());
        }
        return counts;
    }

    private static void assertGraphError(Http.Response response, int status, int code) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.errorCode()).as(response.body()).isEqualTo(code);
        assertThat(response.json().at("/error/is_transient").asBoolean()).isFalse();
    }

    private static void assertProblem(Http.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
    }
}
