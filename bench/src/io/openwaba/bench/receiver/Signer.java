package io.openwaba.bench.receiver;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks {@code X-Hub-Signature-256: sha256=<lower-case hex HMAC-SHA256(app secret, raw body)>}, with one
 * Mac per receiver thread and without building the expected header as a string.
 */
final class Signer {
    private static final String PREFIX = "sha256=";

    private final ThreadLocal<Mac> mac;

    Signer(String appSecret) {
        SecretKeySpec key = new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac instance = Mac.getInstance("HmacSHA256");
                instance.init(key);
                return instance;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    boolean matches(String header, byte[] body) {
        byte[] digest = mac.get().doFinal(body);
        if (header == null || header.length() != PREFIX.length() + 2 * digest.length
                || !header.startsWith(PREFIX)) {
            return false;
        }
        int difference = 0;
        for (int i = 0, at = PREFIX.length(); i < digest.length; i++, at += 2) {
            int high = lowerHex(header.charAt(at));
            int low = lowerHex(header.charAt(at + 1));
            difference |= ((high | low) & 0x100) | (((high << 4) | low) ^ (digest[i] & 0xff));
        }
        return difference == 0;
    }

    /** The value of a lower-case hex digit, or 0x100 for any other character. */
    private static int lowerHex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return 0x100;
    }
}
