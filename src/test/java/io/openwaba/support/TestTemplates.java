package io.openwaba.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

/** A one-line UTILITY template approved by the admin, and sends of it: what the number-limit tests send. */
public final class TestTemplates {

    private TestTemplates() {
    }

    /** Creates {@code name} (en_US, "Your parcel has shipped.") in the WABA and has the admin approve it. */
    public static void approved(Http http, String wabaId, String token, String name) {
        var created = http.post("/v21.0/" + wabaId + "/message_templates", token, Map.of(
                "name", name, "language", "en_US", "category", "UTILITY", "components", List.of(
                        Map.of("type", "BODY", "text", "Your parcel has shipped."))));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        var approved = http.post("/api/templates/" + created.json().get("id").asString() + "/approve",
                PlatformTest.ADMIN_TOKEN, Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
    }

    public static Http.Response send(Http http, String phoneNumberId, String token, String name, String to) {
        return http.post("/v21.0/" + phoneNumberId + "/messages", token, Map.of(
                "messaging_product", "whatsapp", "to", to, "type", "template",
                "template", Map.of("name", name, "language", Map.of("code", "en_US"))));
    }
}
