package io.openwaba.bench;

import io.openwaba.bench.json.Json;
import java.util.Map;

/**
 * The demo business's facts from {@code GET /sandbox/info}: where to send, with which token, how webhooks are
 * signed.
 */
record Sandbox(String graphVersion, String accessToken, String wabaId, String phoneNumberId,
               String appSecret) {

    static Sandbox from(Map<String, Object> info) {
        return new Sandbox(required(info, "graph_version"), required(info, "access_token"),
                required(info, "waba_id"), required(info, "phone_number_id"), required(info, "app_secret"));
    }

    private static String required(Map<String, Object> info, String key) {
        String value = Json.text(info.get(key));
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException("/sandbox/info has no " + key);
        }
        return value;
    }
}
