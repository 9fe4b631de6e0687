package io.openwaba.webhooks;

import tools.jackson.databind.json.JsonMapper;

/**
 * Compact JSON with every character from U+007F up escaped as a lowercase {@code \}{@code uXXXX},
 * which is the byte sequence Meta signs: whatsapp-api-js re-escapes a body this way before it
 * checks the signature, so raw UTF-8 would fail there.
 */
final class AsciiJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private AsciiJson() {
    }

    static String write(Object value) {
        return escape(JSON.writeValueAsString(value));
    }

    static String escape(String json) {
        StringBuilder out = null;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c < 0x7f) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(json.length() + 32).append(json, 0, i);
            }
            out.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                    .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
        }
        return out == null ? json : out.toString();
    }
}
