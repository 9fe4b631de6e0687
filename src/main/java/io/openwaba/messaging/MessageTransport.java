package io.openwaba.messaging;

import java.util.List;

/**
 * Carries accepted messages to the network. It answers for each message whether the network
 * took it; what happens after (sent, delivered, read) comes back through
 * {@link StatusReports#report}. Sending the same wamid twice must not deliver it twice.
 */
public interface MessageTransport {

    List<TransportResult> send(List<OutboundMessage> messages);

    /** Tells the customer's phone its messages were read (blue ticks); runs in the caller's transaction. */
    void markRead(ReadReceipt receipt);
}
