package io.openwaba.shared;

import java.net.URI;
import java.net.URISyntaxException;

/** Whether a text is an absolute http or https URL with a host: what every URL field of the APIs takes. */
public final class HttpUrls {

    private HttpUrls() {
    }

    public static boolean isHttp(String value) {
        if (value == null) {
            return false;
        }
        try {
            var uri = new URI(value);
            return uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException notAUri) {
            return false;
        }
    }
}
