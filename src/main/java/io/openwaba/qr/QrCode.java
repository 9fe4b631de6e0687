package io.openwaba.qr;

import java.time.Instant;

/** A short link ({@code https://wa.me/message/{code}}) and QR code that open a chat with a pre-filled message. */
public record QrCode(String code, String phoneNumberId, String prefilledMessage, Instant createdAt) {

    static final String DEEP_LINK_PREFIX = "https://wa.me/message/";

    public String deepLinkUrl() {
        return DEEP_LINK_PREFIX + code;
    }
}
