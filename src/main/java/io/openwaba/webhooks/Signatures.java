package io.openwaba.webhooks;

import io.openwaba.shared.Secrets;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;

/** The two signatures each delivery carries: Meta's and Standard Webhooks'. */
final class Signatures {

    private Signatures() {
    }

    /** {@code X-Hub-Signature-256}: HMAC-SHA256 of the raw body keyed with the app secret. */
    static String hubSignature(String appSecret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(appSecret, body));
    }

    /** {@code webhook-signature}: HMAC-SHA256 of {@code id.timestamp.body}, base64, version {@code v1}. */
    static String standardSignature(String appSecret, String eventId, long timestamp, byte[] body) {
        var prefix = (eventId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        var signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(hmac(appSecret, signed));
    }

    private static byte[] hmac(String secret, byte[] data) {
        return Secrets.hmacSha256(secret, data);
    }
}
