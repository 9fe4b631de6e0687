package io.openwaba.shared;

import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** URLs the platform hands out (media, QR images, profile pictures): under {@code openwaba.base-url} when set. */
public final class PublicUrls {

    private PublicUrls() {
    }

    /** The configured base URL, or the address the current request came to. */
    public static String base(String configured) {
        var trimmed = configured == null ? "" : configured.replaceAll("/+$", "");
        return trimmed.isEmpty() ? ServletUriComponentsBuilder.fromCurrentContextPath().toUriString() : trimmed;
    }
}
