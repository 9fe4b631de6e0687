package io.openwaba.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.Http;
import io.openwaba.support.PlatformTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A WABA's catalog through the management API, product messages that name it, and orders from customers. */
class CatalogTest extends PlatformTest {

    private Tenant tenant;
    private String catalogId;
    private String customer;

    @BeforeEach
    void setUp() {
        tenant = onboard();
        var created = http.post("/api/wabas/" + tenant.wabaId() + "/catalog", tenant.token(), Map.of());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        catalogId = created.json().get("id").asString();
        put("SKU-1", Map.of("name", "Sourdough loaf", "price", "4.50", "currency", "eur",
                "image_url", "https://bakery.example/sourdough.jpg"));
        put("SKU-2", Map.of("name", "Croissant", "description", "Butter", "price", 1.2, "currency", "EUR"));
        customer = newCustomer();
        customerWrites(customer, tenant, "What do you have?");
    }

    @Test
    void productsAreManagedPerWabaAndOnlyByItsBusiness() {
        var again = http.post("/api/wabas/" + tenant.wabaId() + "/catalog", tenant.token(), Map.of());
        assertThat(again.json().get("id").asString()).isEqualTo(catalogId);
        assertThat(again.json().get("product_count").asInt()).isEqualTo(2);

        var products = http.get("/api/catalogs/" + catalogId + "/products", tenant.token()).json();
        assertThat(products.get(0).get("retailer_id").asString()).isEqualTo("SKU-1");
        assertThat(products.get(0).get("currency").asString()).isEqualTo("EUR");
        assertThat(products.get(1).get("price").asString()).as("a number, kept with two decimals").isEqualTo("1.20");

        var changed = put("SKU-2", Map.of("name", "Croissant", "price", "1.40", "currency", "EUR", "available", false));
        assertThat(changed.json().get("price").asString()).isEqualTo("1.40");
        assertThat(changed.json().get("available").asBoolean()).isFalse();

        assertThat(http.delete("/api/catalogs/" + catalogId + "/products/SKU-2", tenant.token()).status()).isEqualTo(204);
        assertThat(http.get("/api/catalogs/" + catalogId + "/products/SKU-2", tenant.token()).status()).isEqualTo(404);

        var other = onboard();
        assertThat(http.get("/api/catalogs/" + catalogId + "/products", other.token()).status()).isEqualTo(404);
        assertThat(http.put("/api/catalogs/" + catalogId + "/products/X", other.token(),
                Map.of("name", "x", "price", "1", "currency", "EUR")).status()).isEqualTo(404);
    }

    @Test
    void badProductsAreRefusedInProblemDetails() {
        for (var bad : List.<Map<String, Object>>of(
                Map.of("price", "1.00", "currency", "EUR"),
                Map.of("name", "x", "price", "-1", "currency", "EUR"),
                Map.of("name", "x", "price", "1.001", "currency", "EUR"),
                Map.of("name", "x", "price", "1.00", "currency", "EURO"),
                Map.of("name", "x", "price", "1.00", "currency", "EUR", "image_url", "file:///etc/passwd"))) {
            var refused = put("BAD", bad);
            assertThat(refused.status()).as(bad.toString()).isEqualTo(400);
            assertThat(refused.json().get("detail").asString()).isNotBlank();
        }
        assertThat(http.get("/api/catalogs/" + catalogId + "/products/BAD", tenant.token()).status()).isEqualTo(404);
    }

    @Test
    void productMessagesNameProductsOfTheWabasCatalog() {
        var single = send(Map.of("type", "product", "body", Map.of("text", "Fresh today"),
                "action", Map.of("catalog_id", catalogId, "product_retailer_id", "SKU-1")));
        assertThat(single.status()).as(single.body()).isEqualTo(200);
        var wamid = single.json().at("/messages/0/id").asString();
        eventually(() -> {
            var line = chatLine(wamid);
            assertThat(line).isNotNull();
            assertThat(Http.JSON.readTree(line.get("payload").asString()).at("/interactive/action/product_retailer_id")
                    .asString()).isEqualTo("SKU-1");
        });

        var list = send(Map.of("type", "product_list", "header", Map.of("type", "text", "text", "Our bakery"),
                "body", Map.of("text", "Pick what you like"),
                "action", Map.of("catalog_id", catalogId, "sections", List.of(
                        Map.of("title", "Bread", "product_items", List.of(Map.of("product_retailer_id", "SKU-1"))),
                        Map.of("title", "Pastry", "product_items", List.of(Map.of("product_retailer_id", "SKU-2")))))));
        assertThat(list.status()).as(list.body()).isEqualTo(200);

        var unknown = send(Map.of("type", "product", "action", Map.of("catalog_id", catalogId, "product_retailer_id", "NOPE")));
        assertThat(unknown.errorCode()).isEqualTo(131009);
        assertThat(unknown.json().at("/error/error_data/details").asString()).contains("'NOPE' is not in catalog");

        var foreign = onboard();
        var foreignCatalog = http.post("/api/wabas/" + foreign.wabaId() + "/catalog", foreign.token(), Map.of())
                .json().get("id").asString();
        var notOurs = send(Map.of("type", "product", "action", Map.of("catalog_id", foreignCatalog, "product_retailer_id", "SKU-1")));
        assertThat(notOurs.errorCode()).isEqualTo(131009);

        var items = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < 31; i++) {
            items.add(Map.of("product_retailer_id", "SKU-1"));
        }
        var tooMany = send(Map.of("type", "product_list", "header", Map.of("type", "text", "text", "All"),
                "body", Map.of("text", "b"), "action", Map.of("catalog_id", catalogId,
                        "sections", List.of(Map.of("title", "All", "product_items", items)))));
        assertThat(tooMany.errorCode()).isEqualTo(131009);
        var noHeader = send(Map.of("type", "product_list", "body", Map.of("text", "b"), "action", Map.of("catalog_id",
                catalogId, "sections", List.of(Map.of("product_items", List.of(Map.of("product_retailer_id", "SKU-1")))))));
        assertThat(noHeader.errorCode()).isEqualTo(131008);
        var withHeader = send(Map.of("type", "product", "header", Map.of("type", "text", "text", "h"),
                "action", Map.of("catalog_id", catalogId, "product_retailer_id", "SKU-1")));
        assertThat(withHeader.errorCode()).isEqualTo(131009);
    }

    @Test
    void aCustomersOrderArrivesWithTheCatalogsPrices() {
        var receiver = subscribe(tenant);

        var ordered = http.post("/sandbox/customers/" + customer + "/messages", null, Map.of("to", tenant.phoneNumberId(),
                "type", "order", "order", Map.of("catalog_id", catalogId, "text", "For Saturday",
                        "product_items", List.of(Map.of("product_retailer_id", "SKU-1", "quantity", 2),
                                Map.of("product_retailer_id", "SKU-2", "quantity", 6)))));
        assertThat(ordered.status()).as(ordered.body()).isEqualTo(201);
        var wamid = ordered.json().get("id").asString();

        eventually(() -> {
            var order = receiver.inboundMessages().stream().map(d -> d.value().at("/messages/0"))
                    .filter(m -> m.get("id").asString().equals(wamid)).findFirst();
            assertThat(order).isPresent();
            assertThat(order.get().get("type").asString()).isEqualTo("order");
            assertThat(order.get().at("/order/catalog_id").asString()).isEqualTo(catalogId);
            assertThat(order.get().at("/order/text").asString()).isEqualTo("For Saturday");
            assertThat(order.get().at("/order/product_items/0/quantity").asInt()).isEqualTo(2);
            assertThat(order.get().at("/order/product_items/0/item_price").decimalValue()).isEqualByComparingTo("4.50");
            assertThat(order.get().at("/order/product_items/1/currency").asString()).isEqualTo("EUR");
        });

        var unknown = http.post("/sandbox/customers/" + customer + "/messages", null, Map.of("to", tenant.phoneNumberId(),
                "type", "order", "order", Map.of("catalog_id", catalogId,
                        "product_items", List.of(Map.of("product_retailer_id", "NOPE", "quantity", 1)))));
        assertThat(unknown.status()).isEqualTo(400);
    }

    private Http.Response put(String retailerId, Map<String, Object> product) {
        return http.put("/api/catalogs/" + catalogId + "/products/" + retailerId, tenant.token(), product);
    }

    private Http.Response send(Map<String, Object> interactive) {
        return http.post("/v21.0/" + tenant.phoneNumberId() + "/messages", tenant.token(), Map.of(
                "messaging_product", "whatsapp", "to", customer, "type", "interactive", "interactive", interactive));
    }

    private tools.jackson.databind.JsonNode chatLine(String wamid) {
        for (var line : http.get("/sandbox/customers/" + customer + "/messages", null).json()) {
            if (line.get("id").asString().equals(wamid)) {
                return line;
            }
        }
        return null;
    }
}
