package io.openwaba.network.sandbox;

import io.openwaba.network.OnSandbox;
import io.openwaba.messaging.MessageError;
import io.openwaba.messaging.MessageTransport;
import io.openwaba.messaging.OutboundMessage;
import io.openwaba.messaging.ReadReceipt;
import io.openwaba.messaging.TransportResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delivers outbound messages to simulated customers' chats and schedules their phones'
 * acknowledgements. A number nobody has on the network, or a customer who blocked the
 * business, makes the message fail with 131026, as on WhatsApp.
 */
@OnSandbox
@Component
class SandboxTransport implements MessageTransport {

    /** WhatsApp shows a typing indicator until the reply arrives or for 25 seconds. */
    static final Duration TYPING_INDICATOR = Duration.ofSeconds(25);

    private final NetworkRows rows;
    private final SandboxSettings settings;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final AckPump acks;

    SandboxTransport(NetworkRows rows, SandboxSettings settings, Clock clock, TransactionTemplate tx, AckPump acks) {
        this.rows = rows;
        this.settings = settings;
        this.clock = clock;
        this.tx = tx;
        this.acks = acks;
    }

    @Override
    public CompletableFuture<List<TransportResult>> send(List<OutboundMessage> messages) {
        var results = tx.execute(status -> deliver(messages));
        acks.wake();
        return CompletableFuture.completedFuture(results);
    }

    private List<TransportResult> deliver(List<OutboundMessage> messages) {
        var waIds = messages.stream().map(OutboundMessage::waId).distinct().toList();
        var known = rows.existingCustomers(waIds);
        var blocked = rows.blockedPairs(waIds);
        var now = clock.instant();
        var results = new ArrayList<TransportResult>();
        var chat = new ArrayList<NetworkRows.ChatRow>();
        var scheduled = new ArrayList<NetworkRows.Ack>();
        for (OutboundMessage message : messages) {
            if (!known.contains(message.waId())) {
                results.add(TransportResult.refused(message.wamid(), MessageError.undeliverable(
                        "The recipient " + message.waId() + " is not a WhatsApp user.")));
            } else if (blocked.contains(message.waId() + "/" + message.phoneNumberId())) {
                results.add(TransportResult.refused(message.wamid(), MessageError.undeliverable(
                        "The recipient cannot receive messages from this business.")));
            } else {
                results.add(TransportResult.taken(message.wamid()));
                chat.add(new NetworkRows.ChatRow(message.wamid(), message.waId(), message.phoneNumberId(),
                        "received", message.type(), message.payload(), "accepted", now));
                scheduleAcks(message, now, scheduled);
            }
        }
        rows.insertChat(chat);
        rows.stopTyping(chat);
        rows.insertAcks(scheduled);
        return results;
    }

    /** Blue ticks on the customer's messages, and "typing…" for as long as WhatsApp shows it. */
    @Override
    public void markRead(ReadReceipt receipt) {
        rows.markChatRead(receipt.wamids(), receipt.at());
        if (receipt.typing()) {
            rows.startTyping(receipt.waId(), receipt.phoneNumberId(), receipt.at().plus(TYPING_INDICATOR));
        }
    }

    private void scheduleAcks(OutboundMessage message, Instant now, List<NetworkRows.Ack> scheduled) {
        boolean fails = settings.failureRate() > 0 && ThreadLocalRandom.current().nextDouble() < settings.failureRate();
        scheduled.add(new NetworkRows.Ack(message.wamid(), fails ? "failed" : "sent", now,
                now.plus(settings.sentDelay())));
    }
}
