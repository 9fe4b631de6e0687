package io.openwaba.messaging;

/** A WhatsApp error as it appears in a {@code failed} status's {@code errors[]}. */
public record MessageError(int code, String title, String details) {

    public static MessageError undeliverable(String details) {
        return new MessageError(131026, "Message undeliverable", details);
    }
}
