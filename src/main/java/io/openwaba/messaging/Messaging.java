package io.openwaba.messaging;

import io.openwaba.catalog.Catalogs;
import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import io.openwaba.media.Media;
import io.openwaba.media.MediaObject;
import io.openwaba.messaging.policy.CustomerServiceWindowRule;
import io.openwaba.messaging.policy.Decision;
import io.openwaba.messaging.policy.SendFacts;
import io.openwaba.messaging.policy.SendPolicy;
import io.openwaba.numbers.PhoneNumber;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.numbers.SendAdmission;
import io.openwaba.numbers.WaId;
import io.openwaba.shared.Caller;
import io.openwaba.shared.OrderedMaps;
import io.openwaba.shared.RandomIds;
import io.openwaba.shared.Secrets;
import io.openwaba.templates.PreparedTemplate;
import io.openwaba.templates.TemplateMessages;
import io.openwaba.webhooks.WebhookEvent;
import io.openwaba.webhooks.WebhookEvents;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Accepts outbound messages (validate, apply the send policy, store with a dispatch entry,
 * answer with the wamid), takes inbound messages (stored once, window opened) and records
 * statuses; every change that a business hears about is queued as a webhook in the same transaction.
 */
@Service
public class Messaging {

    private static final List<String> STATUS_ORDER = List.of("accepted", "sent", "delivered", "read");

    private final PhoneNumbers numbers;
    private final MessageRows messages;
    private final WindowRows windows;
    private final WebhookEvents webhooks;
    private final MessagingSettings settings;
    private final Clock clock;
    private final SendPolicy policy;
    private final SendRequestParser parser = new SendRequestParser();
    private final JsonMapper json = JsonMapper.builder().build();
    private final GroupCommit<QueuedSend> writer;
    private final SendAdmission admission;
    private final PhoneNumbers phoneNumbers;
    private final Dispatcher dispatcher;
    private final MessageTransport transport;
    private final TransactionTemplate tx;
    private final Media media;
    private final Catalogs catalogs;
    private final TemplateMessages templateMessages;
    private final TemplateFeedback templateFeedback;

    Messaging(PhoneNumbers numbers, MessageRows messages, WindowRows windows, WebhookEvents webhooks,
              MessagingSettings settings, Clock clock, TransactionTemplate tx, Dispatcher dispatcher,
              MessageTransport transport, Media media, Catalogs catalogs, TemplateMessages templateMessages,
              TemplateFeedback templateFeedback, SendAdmission admission) {
        this.admission = admission;
        this.phoneNumbers = numbers;
        this.numbers = numbers;
        this.messages = messages;
        this.windows = windows;
        this.webhooks = webhooks;
        this.settings = settings;
        this.clock = clock;
        this.dispatcher = dispatcher;
        this.transport = transport;
        this.media = media;
        this.catalogs = catalogs;
        this.templateMessages = templateMessages;
        this.templateFeedback = templateFeedback;
        this.tx = tx;
        this.policy = SendPolicy.standard(settings.customerServiceWindow());
        this.writer = new GroupCommit<>("message-writer", settings.commitBatchSize(), this::writeBatch);
    }

    /** {@code POST /{phone-number-id}/messages}: the Cloud API's answer, or a {@link GraphException}. */
    public Map<String, Object> send(Caller caller, String phoneNumberId, GraphBody body) {
        var number = numbers.find(caller, phoneNumberId)
                .orElseThrow(() -> GraphException.unknownObject(phoneNumberId, "post"));
        if (body.has("status")) {
            return markRead(number, body);
        }
        var request = parser.parse(body, new MessageContents.Lookups() {
            @Override
            public Optional<MediaObject> media(String mediaId) {
                return media.usableBy(number.businessId(), mediaId);
            }

            @Override
            public boolean hasProduct(String catalogId, String retailerId) {
                return catalogs.product(number.wabaId(), catalogId, retailerId).isPresent();
            }

            @Override
            public PreparedTemplate template(GraphBody template) {
                return templateMessages.prepare(number.wabaId(), template);
            }
        });
        var recipient = WaId.parse(request.to(), number.waId().country())
                .orElseThrow(() -> GraphException.invalidParameter("Param to is not a valid phone number: '"
                        + request.to() + "'."));
        if (recipient.digits().equals(number.waId().digits())) {
            throw GraphException.whatsapp(HttpStatus.BAD_REQUEST, 131021, "Recipient cannot be sender",
                    "Sender and recipient phone number is the same.");
        }
        var now = clock.instant();
        admission.checkBeforeQueue(number, recipient.digits(), now);
        var window = windows.find(number.id(), recipient.digits());
        boolean template = request.templateCategory() != null;
        boolean windowOpen = window.filter(w -> now.isBefore(w.lastInboundAt().plus(settings.customerServiceWindow())))
                .isPresent();
        var decision = policy.check(new SendFacts(template, window.map(WindowRows.Window::lastInboundAt)), now);
        if (decision instanceof Decision.Refused refused) {
            throw refusal(refused);
        }
        // A template starts a business-initiated conversation of its category; a free-form reply
        // belongs to the service conversation of the open window.
        var conversation = template
                ? new WindowRows.Window(now, Secrets.hexOfRandomBytes(16), now)
                : currentConversation(number.id(), recipient.digits(), window.orElseThrow(), now);
        var wamid = newWamid();
        var message = new MessageRows.NewMessage(wamid, "OUT", number.id(), number.wabaId(), recipient.digits(),
                request.type(), json.writeValueAsString(request.message()), "accepted", conversation.conversationId(),
                conversation.openedAt().plus(settings.customerServiceWindow()), request.callbackData(),
                request.templateCategory(), request.templateId(), now);
        awaitCommit(new QueuedSend(message, template && !windowOpen));
        dispatcher.wake();
        var response = new LinkedHashMap<String, Object>();
        response.put("messaging_product", "whatsapp");
        var contact = new LinkedHashMap<String, Object>();
        contact.put("input", request.to());
        contact.put("wa_id", recipient.digits());
        response.put("contacts", List.of(contact));
        response.put("messages", List.of(OrderedMaps.of("id", wamid, "message_status", "accepted")));
        return response;
    }

    /**
     * {@code {"status": "read", "message_id": …}}: marks the customer's message, and the ones
     * before it, as read, optionally with a typing indicator; answers {@code {"success": true}}.
     */
    private Map<String, Object> markRead(PhoneNumber number, GraphBody body) {
        var request = parser.parseRead(body);
        var received = messages.received(number.id(), request.messageId()).orElseThrow(() ->
                GraphException.invalidParameter("Param message_id '" + request.messageId()
                        + "' is not a message this phone number received."));
        tx.executeWithoutResult(status -> {
            var now = clock.instant();
            var read = messages.markReceivedRead(number.id(), received, now);
            transport.markRead(new ReadReceipt(number.id(), received.waId(), read, request.typing(), now));
        });
        return Map.of("success", true);
    }

    /**
     * A customer blocked the number or reported it as spam ({@code kind} BLOCK or REPORT): counted
     * against the template of the latest template message the customer got from it in the last 24 hours.
     */
    @Transactional
    public void customerFeedback(String phoneNumberId, String waId, String kind) {
        var now = clock.instant();
        templateFeedback.record(phoneNumberId, waId, kind, now, now.minus(java.time.Duration.ofHours(24)));
        phoneNumbers.customerFeedback(phoneNumberId, waId, kind);
    }

    /** Stores an inbound message once and opens or restarts the window; false for a wamid seen before. */
    @Transactional
    public boolean receive(InboundMessage message) {
        var number = numbers.find(message.phoneNumberId())
                .orElseThrow(() -> new IllegalArgumentException("unknown phone number " + message.phoneNumberId()));
        var window = windows.find(number.id(), message.fromWaId());
        boolean conversationOpen = window.filter(w -> message.at().isBefore(
                w.openedAt().plus(settings.customerServiceWindow()))).isPresent();
        var conversationId = conversationOpen ? window.get().conversationId() : Secrets.hexOfRandomBytes(16);
        var openedAt = conversationOpen ? window.get().openedAt() : message.at();
        boolean isNew = messages.insertInbound(new MessageRows.NewMessage(message.wamid(), "IN", number.id(),
                number.wabaId(), message.fromWaId(), message.type(), json.writeValueAsString(message.content()),
                "received", conversationId, openedAt.plus(settings.customerServiceWindow()), null, null, null,
                message.at()));
        if (!isNew) {
            return false;
        }
        windows.update(number.id(), message.fromWaId(), new WindowRows.Window(message.at(), conversationId, openedAt));
        webhooks.enqueue(List.of(new WebhookEvent(number.wabaId(), "messages",
                MessageWebhooks.inbound(number, message))));
        return true;
    }

    /**
     * Records what the network said about outbound messages. Statuses only move forward
     * (accepted, sent, delivered, read; failed ends it); a repeated or late report changes nothing.
     */
    @Transactional
    public void reportStatuses(List<StatusReport> reports) {
        var tracked = messages.tracked(reports.stream().map(StatusReport::wamid).collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(MessageRows.Tracked::wamid, Function.identity()));
        var current = new HashMap<String, String>();
        tracked.values().forEach(t -> current.put(t.wamid(), t.status()));
        var changes = new ArrayList<MessageRows.StatusChange>();
        var events = new ArrayList<WebhookEvent>();
        var numbersById = new HashMap<String, PhoneNumber>();
        for (StatusReport report : reports) {
            var message = tracked.get(report.wamid());
            if (message == null || !advances(current.get(report.wamid()), report.status())) {
                continue;
            }
            current.put(report.wamid(), report.status());
            changes.add(new MessageRows.StatusChange(report.wamid(), report.status(),
                    report.error() == null ? null : report.error().code(), report.at()));
            var number = numbersById.computeIfAbsent(message.phoneNumberId(), id -> numbers.find(id).orElseThrow());
            events.add(new WebhookEvent(message.wabaId(), "messages", MessageWebhooks.status(number, message, report)));
        }
        messages.updateStatuses(changes);
        webhooks.enqueue(events);
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

    private static boolean advances(String from, String to) {
        if ("failed".equals(from)) {
            return false;
        }
        if ("failed".equals(to)) {
            return !"read".equals(from);
        }
        return STATUS_ORDER.indexOf(to) > STATUS_ORDER.indexOf(from);
    }

    /**
     * Waits for the message's commit. After 30 s a message still queued is withdrawn and the
     * client told nothing was sent; one already being written is waited for, since it may be sent.
     */
    /** A message waiting for its batch; {@code countsTowardLimit} when it starts a business-initiated conversation. */
    private record QueuedSend(MessageRows.NewMessage message, boolean countsTowardLimit) {
    }

    /** One transaction: the number limits decide each send, the admitted ones are stored. */
    private List<GraphException> writeBatch(List<QueuedSend> batch) {
        return tx.execute(status -> {
            var refusals = admission.admit(batch.stream().map(send -> new SendAdmission.Send(
                    send.message().phoneNumberId(), send.message().waId(), send.countsTowardLimit())).toList(),
                    clock.instant());
            var admitted = new ArrayList<MessageRows.NewMessage>();
            for (int i = 0; i < batch.size(); i++) {
                if (refusals.get(i) == null) {
                    admitted.add(batch.get(i).message());
                }
            }
            if (!admitted.isEmpty()) {
                messages.insertOutbound(admitted);
            }
            return refusals;
        });
    }

    private void awaitCommit(QueuedSend message) {
        var pending = writer.submit(message);
        try {
            try {
                pending.done().get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (pending.withdraw()) {
                    throw unavailable();
                }
                pending.done().get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GraphException refusal) {
                throw refusal;
            }
            throw unavailable();
        }
    }

    private static GraphException unavailable() {
        return GraphException.whatsapp(HttpStatus.SERVICE_UNAVAILABLE, 131016, "Service unavailable",
                "The message could not be stored; nothing was sent. Retry the request.");
    }

    private static GraphException refusal(Decision.Refused refused) {
        if (CustomerServiceWindowRule.NAME.equals(refused.rule())) {
            return GraphException.whatsapp(HttpStatus.BAD_REQUEST, 131047, "Re-engagement message",
                    "Message failed to send because the customer service window is closed: " + refused.reason() + ".");
        }
        return GraphException.whatsapp(HttpStatus.BAD_REQUEST, 131009, "Parameter value is not valid",
                refused.rule() + ": " + refused.reason());
    }

    private static String newWamid() {
        return "wamid." + RandomIds.timeOrdered("HBgL", 44);
    }

    @PreDestroy
    void close() {
        writer.close();
    }
}
