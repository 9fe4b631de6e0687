package io.openwaba.shared;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** URLs the platform hands out (media, QR images, profile pictures): under {@code openwaba.base-url} when set. */
@Component
public class PublicUrls {

    private final String configured;

    PublicUrls(@Value("${openwaba.base-url:}") String configured) {
        this.configured = configured.replaceAll("/+$", "");
    }

    /** The configured base URL, or the address the current request came to. */
    public String base() {
        return configured.isEmpty() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString() : configured;
    }
}
