package io.openwaba.messaging;

import io.openwaba.numbers.PhoneNumber;
import io.openwaba.numbers.PhoneNumbers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /** Rounds of {@link #apply} before a report that keeps losing to others is given up (it is late anyway). */
    private static final int MAX_ROUNDS = 3;

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
     * late report changes nothing and announces nothing. Two reports on one message at once
     * (concurrent webhooks, two acknowledgement workers) do not lock it: each message's update
     * names the status it moves from, and the report that finds it moved on is applied again on
     * what the other one left.
     */
    @Transactional
    public void report(List<StatusReport> reports) {
        var pending = reports;
        for (int round = 0; round < MAX_ROUNDS && !pending.isEmpty(); round++) {
            pending = apply(pending);
        }
    }

    /** One round: applies what it can and answers the reports whose message another report moved meanwhile. */
    private List<StatusReport> apply(List<StatusReport> reports) {
        var tracked = messages.tracked(reports.stream().map(StatusReport::wamid).collect(Collectors.toSet()))
                .stream().collect(Collectors.toMap(MessageRows.Tracked::wamid, Function.identity()));
        var current = new HashMap<String, String>();
        tracked.values().forEach(t -> current.put(t.wamid(), t.status()));
        var moves = new LinkedHashMap<String, MessageRows.StatusChange>();
        var announced = new LinkedHashMap<String, List<MessageStatusChanged>>();
        var numbersById = new HashMap<String, PhoneNumber>();
        for (StatusReport report : reports) {
            var message = tracked.get(report.wamid());
            if (message == null) {
                continue;
            }
            for (String status : MessageStatus.steps(current.get(report.wamid()), report.status())) {
                current.put(report.wamid(), status);
                moves.put(report.wamid(), new MessageRows.StatusChange(report.wamid(), message.status(), status,
                        report.error() == null ? null : report.error().code(), report.at()));
                var number = numbersById.computeIfAbsent(message.phoneNumberId(), id -> numbers.find(id).orElseThrow());
                announced.computeIfAbsent(report.wamid(), wamid -> new ArrayList<>()).add(new MessageStatusChanged(
                        message.wamid(), number.id(), message.wabaId(), number.waId().digits(), message.waId(), status,
                        report.at(), report.error(), message.callbackData(), message.pricingCategory(),
                        message.conversationId(), message.conversationExpiresAt()));
            }
        }
        var moved = messages.moveStatuses(List.copyOf(moves.values()));
        var again = new ArrayList<StatusReport>();
        for (var wamid : moves.keySet()) {
            if (moved.contains(wamid)) {
                announced.get(wamid).forEach(events::publishEvent);
            }
        }
        for (StatusReport report : reports) {
            if (moves.containsKey(report.wamid()) && !moved.contains(report.wamid())) {
                again.add(report);
            }
        }
        return again;
    }
}
