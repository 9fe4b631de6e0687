package io.openwaba.messaging;

import java.time.Duration;

/**
 * The network took the message, refused it with a WhatsApp error ({@code error}), or asks for it
 * again after {@code retryIn} (it stays queued and is handed over again then).
 */
public record TransportResult(String wamid, MessageError error, Duration retryIn) {

    public static TransportResult taken(String wamid) {
        return new TransportResult(wamid, null, null);
    }

    public static TransportResult refused(String wamid, MessageError error) {
        return new TransportResult(wamid, error, null);
    }

    public static TransportResult later(String wamid, Duration retryIn) {
        return new TransportResult(wamid, null, retryIn);
    }
}
