package io.openwaba.network.cloud;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code openwaba.cloud.*}: where Meta's Graph API is, the Meta app's secret (verifies Meta's
 * webhooks) and verify token (Meta's subscription handshake), and the key that encrypts the
 * numbers' access tokens at rest; how often the template libraries are synced with Meta's.
 */
@ConfigurationProperties("openwaba.cloud")
record CloudSettings(@DefaultValue("https://graph.facebook.com") URI graphUrl,
                     @DefaultValue("v24.0") String graphVersion,
                     String appSecret,
                     String verifyToken,
                     String secretKey,
                     @DefaultValue("10s") Duration requestTimeout,
                     @DefaultValue("64") int concurrency,
                     @DefaultValue("16") int concurrencyPerNumber,
                     @DefaultValue("1m") Duration brokenLinkPause,
                     @DefaultValue("2") int inboxThreads,
                     @DefaultValue("200ms") Duration inboxPollInterval,
                     @DefaultValue("1h") Duration templateSyncInterval) {

    /** Cloud mode does not start without what it needs to talk to Meta safely. */
    void requireComplete() {
        requireSet("openwaba.cloud.app-secret", appSecret);
        requireSet("openwaba.cloud.verify-token", verifyToken);
        requireSet("openwaba.cloud.secret-key", secretKey);
        if (secretKey.length() < 16) {
            throw new IllegalStateException("openwaba.cloud.secret-key must have at least 16 characters");
        }
        if (!graphVersion.matches("v\\d+\\.\\d+")) {
            throw new IllegalStateException("openwaba.cloud.graph-version must look like v24.0, not " + graphVersion);
        }
    }

    static void requireSet(String property, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(property + " must be set with openwaba.network=cloud");
        }
    }

    URI graph(String path) {
        var base = graphUrl.toString().replaceAll("/+$", "");
        return URI.create(base + "/" + graphVersion + "/" + path);
    }
}
