package io.openwaba.shared;

/**
 * An error as Meta's Graph API reports it: the HTTP status, Meta's {@code code} (and subcode),
 * the error type, the message and, for WhatsApp codes, the specifics in {@code details}.
 * A refusal carries one so that every surface can answer it the way Meta would.
 */
public record MetaError(int httpStatus, int code, Integer subcode, String type, String message, String details) {

    /** A WhatsApp code (131xxx, 132xxx …): the title in the message, the specifics in details; HTTP 400. */
    public static MetaError whatsapp(int code, String title, String details) {
        return whatsapp(400, code, title, details);
    }

    public static MetaError whatsapp(int httpStatus, int code, String title, String details) {
        return new MetaError(httpStatus, code, null, "OAuthException", "(#" + code + ") " + title, details);
    }

    /** Code 100: a parameter problem, named in the message. */
    public static MetaError invalidParameter(String message) {
        return new MetaError(400, 100, null, "OAuthException", "(#100) " + message, null);
    }

    /** The title a person reads: the message without Meta's {@code (#code)} prefix. */
    public String title() {
        var prefix = "(#" + code + ") ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }
}
