package io.openwaba.messaging;

/** The network took the message ({@code error == null}) or refused it with a WhatsApp error. */
public record TransportResult(String wamid, MessageError error) {

    public static TransportResult taken(String wamid) {
        return new TransportResult(wamid, null);
    }

    public static TransportResult refused(String wamid, MessageError error) {
        return new TransportResult(wamid, error);
    }
}
