package io.openwaba.messaging;

import io.openwaba.graph.GraphException;
import io.openwaba.messaging.policy.SendFacts;
import io.openwaba.messaging.policy.SendPolicy;
import io.openwaba.numbers.PhoneNumber;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.numbers.SendAdmission;
import io.openwaba.numbers.WaId;
import io.openwaba.shared.Decision;
import io.openwaba.shared.GroupCommit;
import io.openwaba.shared.MetaError;
import io.openwaba.shared.RandomIds;
import io.openwaba.shared.Secrets;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one way anything sends a WhatsApp message: the Graph API, the chat center, bots,
 * broadcasts and funnels all hand a {@link SendCommand} to {@link #send}. It checks the content,
 * applies the send rules (number status, pair rate, customer service window; throughput and
 * messaging limit in the batch that stores it), stores the message with its dispatch entry in a
 * group commit and answers once it is committed: the wamid, or a refusal that names the rule.
 */
@Service
public class MessageSender {

    static final String INVALID_REQUEST = "invalid-request";
    static final String UNKNOWN_NUMBER = "unknown-number";
    static final String UNAVAILABLE = "unavailable";

    private final PhoneNumbers numbers;
    private final MessageRows messages;
    private final WindowRows windows;
    private final ContentCheck contentCheck;
    private final SendAdmission admission;
    private final Dispatcher dispatcher;
    private final MessagingSettings settings;
    private final SendPolicy policy;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final JsonMapper json = JsonMapper.builder().build();
    private final GroupCommit<QueuedSend, Decision> writer;
    private final ObjectProvider<AutomatedSendGate> gates;

    MessageSender(PhoneNumbers numbers, MessageRows messages, WindowRows windows, ContentCheck contentCheck,
                  SendAdmission admission, Dispatcher dispatcher, MessagingSettings settings, Clock clock,
                  TransactionTemplate tx, ApplicationEventPublisher events, ObjectProvider<AutomatedSendGate> gates) {
        this.gates = gates;
        this.numbers = numbers;
        this.messages = messages;
        this.windows = windows;
        this.contentCheck = contentCheck;
        this.admission = admission;
        this.dispatcher = dispatcher;
        this.settings = settings;
        this.clock = clock;
        this.tx = tx;
        this.events = events;
        this.policy = SendPolicy.standard(settings.customerServiceWindow());
        this.writer = new GroupCommit<>("message-writer", settings.commitBatchSize(), this::writeBatch);
    }

    /** Sends one message; never throws for anything the sender did wrong: a refusal is an answer. */
    public SendResult send(SendCommand command) {
        var number = numbers.find(command.phoneNumberId()).orElse(null);
        if (number == null) {
            return refused(UNKNOWN_NUMBER, GraphException.unknownObject(command.phoneNumberId(), "post"));
        }
        try {
            return send(number, command);
        } catch (GraphException e) {
            return refused(INVALID_REQUEST, e);
        }
    }

    private SendResult send(PhoneNumber number, SendCommand command) {
        var checked = contentCheck.check(number, command);
        if (command.to() == null || command.to().isBlank()) {
            throw GraphException.requiredParameter("to");
        }
        var recipient = WaId.parse(command.to(), number.waId().country())
                .orElseThrow(() -> GraphException.invalidParameter("Param to is not a valid phone number: '"
                        + command.to() + "'."));
        if (recipient.digits().equals(number.waId().digits())) {
            throw GraphException.whatsapp(org.springframework.http.HttpStatus.BAD_REQUEST, 131021,
                    "Recipient cannot be sender", "Sender and recipient phone number is the same.");
        }
        if (command.origin() == Origin.BOT || command.origin() == Origin.FUNNEL) {
            for (var gate : gates) {
                var refused = gate.check(number.id(), recipient.digits(), command.origin());
                if (refused.isPresent()) {
                    return new SendResult.Refused(refused.get());
                }
            }
        }
        var now = clock.instant();
        var admitted = admission.checkBeforeQueue(number, recipient.digits(), now);
        if (admitted instanceof Decision.Refused refusal) {
            return new SendResult.Refused(refusal);
        }
        var window = windows.find(number.id(), recipient.digits());
        var decision = policy.check(new SendFacts(checked.template(), window.map(WindowRows.Window::lastInboundAt)), now);
        if (decision instanceof Decision.Refused refusal) {
            return new SendResult.Refused(refusal);
        }
        boolean windowOpen = window.filter(w -> now.isBefore(w.lastInboundAt().plus(settings.customerServiceWindow())))
                .isPresent();
        // A template starts a business-initiated conversation of its category; a free-form reply
        // belongs to the service conversation of the open window.
        var conversation = checked.template()
                ? new WindowRows.Window(now, Secrets.hexOfRandomBytes(16), now)
                : currentConversation(number.id(), recipient.digits(), window.orElseThrow(), now);
        var wamid = "wamid." + RandomIds.timeOrdered("HBgL", 44);
        var message = new MessageRows.NewMessage(wamid, "OUT", number.id(), number.wabaId(), recipient.digits(),
                checked.type(), json.writeValueAsString(checked.message()), "accepted", conversation.conversationId(),
                conversation.openedAt().plus(settings.customerServiceWindow()), command.callbackData(),
                checked.templateCategory(), checked.templateId(), now);
        var committed = awaitCommit(new QueuedSend(message, checked.template() && !windowOpen, command));
        if (committed instanceof Decision.Refused refusal) {
            return new SendResult.Refused(refusal);
        }
        dispatcher.wake();
        return new SendResult.Accepted(wamid, recipient.digits());
    }

    /**
     * A conversation lasts 24 hours from its start, while the window moves with every customer
     * message: a reply in a window that outlived its conversation starts the next conversation.
     */
    private WindowRows.Window currentConversation(String phoneNumberId, String waId, WindowRows.Window window,
                                                  Instant now) {
        if (now.isBefore(window.openedAt().plus(settings.customerServiceWindow()))) {
            return window;
        }
        return windows.rollConversation(phoneNumberId, waId, window, Secrets.hexOfRandomBytes(16), now);
    }

    /** A message waiting for its batch; {@code countsTowardLimit} when it starts a business-initiated conversation. */
    private record QueuedSend(MessageRows.NewMessage message, boolean countsTowardLimit, SendCommand command) {
    }

    /** One transaction: the number limits decide each send, the admitted ones are stored and announced. */
    private List<Decision> writeBatch(List<QueuedSend> batch) {
        return tx.execute(status -> {
            var decisions = admission.admit(batch.stream().map(send -> new SendAdmission.Send(
                    send.message().phoneNumberId(), send.message().waId(), send.countsTowardLimit())).toList(),
                    clock.instant());
            var admitted = new ArrayList<MessageRows.NewMessage>();
            for (int i = 0; i < batch.size(); i++) {
                if (decisions.get(i).allowed()) {
                    admitted.add(batch.get(i).message());
                }
            }
            if (!admitted.isEmpty()) {
                messages.insertOutbound(admitted);
            }
            for (int i = 0; i < batch.size(); i++) {
                if (decisions.get(i).allowed()) {
                    var send = batch.get(i);
                    var m = send.message();
                    events.publishEvent(new MessageAccepted(m.wamid(), m.phoneNumberId(), m.wabaId(), m.waId(),
                            m.type(), send.command().origin(), send.command().actor(), m.templateId(),
                            m.pricingCategory(), m.at()));
                }
            }
            return decisions;
        });
    }

    /**
     * Waits for the message's commit. After 30 s a message still queued is withdrawn and the
     * sender told nothing was sent; one already being written is waited for, since it may be sent.
     */
    private Decision awaitCommit(QueuedSend message) {
        var pending = writer.submit(message);
        try {
            try {
                return pending.done().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (pending.withdraw()) {
                    return unavailable();
                }
                return pending.done().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unavailable();
        } catch (ExecutionException e) {
            return unavailable();
        }
    }

    private static Decision.Refused unavailable() {
        return Decision.refuse(UNAVAILABLE, "The message could not be stored; nothing was sent. Retry the request.",
                Map.of(), MetaError.whatsapp(503, 131016, "Service unavailable",
                        "The message could not be stored; nothing was sent. Retry the request."));
    }

    private static SendResult refused(String rule, GraphException e) {
        var error = e.toMetaError();
        return new SendResult.Refused(Decision.refuse(rule, error.details() != null ? error.details() : error.title(),
                Map.of(), error));
    }

    @PreDestroy
    void close() {
        writer.close();
    }
}
