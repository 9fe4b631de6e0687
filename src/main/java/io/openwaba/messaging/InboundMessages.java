package io.openwaba.messaging;

import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.shared.Secrets;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * What customers send a business number: their messages, stored once and announced as
 * {@link MessageReceived}, opening or extending the customer service window; and their blocks
 * and spam reports, counted against the number and the template that prompted them.
 */
@Service
public class InboundMessages {

    private final PhoneNumbers numbers;
    private final MessageRows messages;
    private final WindowRows windows;
    private final TemplateFeedback templateFeedback;
    private final MessagingSettings settings;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final JsonMapper json = JsonMapper.builder().build();

    InboundMessages(PhoneNumbers numbers, MessageRows messages, WindowRows windows, TemplateFeedback templateFeedback,
                    MessagingSettings settings, Clock clock, ApplicationEventPublisher events) {
        this.numbers = numbers;
        this.messages = messages;
        this.windows = windows;
        this.templateFeedback = templateFeedback;
        this.settings = settings;
        this.clock = clock;
        this.events = events;
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
        events.publishEvent(new MessageReceived(message.wamid(), number.id(), number.wabaId(), number.waId().digits(),
                message.fromWaId(), message.profileName(), message.type(), message.content(), message.contextWamid(),
                message.at(), message.error()));
        return true;
    }

    /**
     * A customer blocked the number or reported it as spam ({@code kind} BLOCK or REPORT): counted
     * against the template of the latest template message the customer got from it in the last 24 hours.
     */
    @Transactional
    public void customerFeedback(String phoneNumberId, String waId, String kind) {
        var now = clock.instant();
        templateFeedback.record(phoneNumberId, waId, kind, now, now.minus(Duration.ofHours(24)));
        numbers.customerFeedback(phoneNumberId, waId, kind);
    }
}
