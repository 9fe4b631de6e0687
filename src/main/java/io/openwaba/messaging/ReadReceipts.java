package io.openwaba.messaging;

import io.openwaba.shared.Decision;
import io.openwaba.shared.MetaError;
import java.time.Clock;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The business read a customer's messages: marks the named one and those before it as read and
 * tells the customer's phone (blue ticks), optionally with a typing indicator.
 */
@Service
public class ReadReceipts {

    private final MessageRows messages;
    private final MessageTransport transport;
    private final Clock clock;
    private final TransactionTemplate tx;

    ReadReceipts(MessageRows messages, MessageTransport transport, Clock clock, TransactionTemplate tx) {
        this.messages = messages;
        this.transport = transport;
        this.clock = clock;
        this.tx = tx;
    }

    /** Refused when {@code wamid} is not a message this number received. */
    public Decision markRead(String phoneNumberId, String wamid, boolean typing) {
        var received = messages.received(phoneNumberId, wamid).orElse(null);
        if (received == null) {
            var error = MetaError.invalidParameter("Param message_id '" + wamid
                    + "' is not a message this phone number received.");
            return Decision.refuse("unknown-message", error.title(), Map.of(), error);
        }
        tx.executeWithoutResult(status -> {
            var now = clock.instant();
            var read = messages.markReceivedRead(phoneNumberId, received, now);
            transport.markRead(new ReadReceipt(phoneNumberId, received.waId(), read, typing, now));
        });
        return Decision.allow();
    }
}
