package io.openwaba.bench;

import java.util.Map;

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
