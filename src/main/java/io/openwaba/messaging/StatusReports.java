package io.openwaba.messaging;

import io.openwaba.numbers.PhoneNumber;
import io.openwaba.numbers.PhoneNumbers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records what the network says about outbound messages and announces each change as a
 * {@link MessageStatusChanged}, in the caller's transaction.
 */
@Service
public class StatusReports {

    private final MessageRows messages;
    private final PhoneNumbers numbers;
    private final ApplicationEventPublisher events;

    StatusReports(MessageRows messages, PhoneNumbers numbers, ApplicationEventPublisher events) {
        this.messages = messages;
        this.numbers = numbers;
        this.events = events;
    }

    /**
     * Statuses only move forward, one step at a time ({@link MessageStatus#steps}); a repeated or
     * late report changes nothing and announces nothing. The messages are locked while they
     * change, so two reports on one message at once (concurrent webhooks) apply one after the other.
     */
    @Transactional
    public void report(List<StatusReport> reports) {
        var tracked = messages.tracked(reports.stream().map(StatusReport::wamid).collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(MessageRows.Tracked::wamid, Function.identity()));
        var current = new HashMap<String, String>();
        tracked.values().forEach(t -> current.put(t.wamid(), t.status()));
        var changes = new ArrayList<MessageRows.StatusChange>();
        var changed = new ArrayList<MessageStatusChanged>();
        var numbersById = new HashMap<String, PhoneNumber>();
        for (StatusReport report : reports) {
            var message = tracked.get(report.wamid());
            if (message == null) {
                continue;
            }
            for (String status : MessageStatus.steps(current.get(report.wamid()), report.status())) {
                current.put(report.wamid(), status);
                changes.add(new MessageRows.StatusChange(report.wamid(), status,
                        report.error() == null ? null : report.error().code(), report.at()));
                var number = numbersById.computeIfAbsent(message.phoneNumberId(), id -> numbers.find(id).orElseThrow());
                changed.add(new MessageStatusChanged(message.wamid(), number.id(), message.wabaId(),
                        number.waId().digits(), message.waId(), status, report.at(), report.error(),
                        message.callbackData(), message.pricingCategory(), message.conversationId(),
                        message.conversationExpiresAt()));
            }
        }
        messages.updateStatuses(changes);
        changed.forEach(events::publishEvent);
    }
}
