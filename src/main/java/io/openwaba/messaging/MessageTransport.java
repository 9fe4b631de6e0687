package io.openwaba.messaging;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Carries accepted messages to the network. It answers for each message whether the network
 * took it; what happens after (sent, delivered, read) comes back through
 * {@link StatusReports#report}. Sending the same wamid twice must not deliver it twice.
 */
public interface MessageTransport {

    /**
     * Hands the messages over. The answer may come later (a network behind HTTP): the dispatcher
     * claims further messages meanwhile and settles these once it completes.
     */
    CompletableFuture<List<TransportResult>> send(List<OutboundMessage> messages);

    /** Tells the customer's phone its messages were read (blue ticks); runs in the caller's transaction. */
    void markRead(ReadReceipt receipt);
}
