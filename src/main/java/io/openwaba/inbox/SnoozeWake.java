package io.openwaba.inbox;

import io.openwaba.shared.BackgroundWork;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Wakes snoozed conversations when their time comes (on the platform's clock, so the sandbox's can move it). */
@Component
class SnoozeWake extends BackgroundWork {

    static final int BATCH = 50;

    private final ConversationRows rows;
    private final Assignments assignments;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    SnoozeWake(ConversationRows rows, Assignments assignments, ApplicationEventPublisher events, TransactionTemplate tx,
               Clock clock) {
        super("inbox-snooze", 1, Duration.ofSeconds(1));
        this.rows = rows;
        this.assignments = assignments;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    protected int step() {
        var now = clock.instant();
        var due = rows.dueToWake(now, BATCH);
        for (var conversation : due) {
            tx.executeWithoutResult(status -> {
                if (rows.wake(conversation.id(), now)) {
                    rows.addTimeline(conversation.id(), ConversationChanged.What.WOKE, null, null, null, now);
                    events.publishEvent(new ConversationChanged(conversation.id(), conversation.businessId(),
                            ConversationChanged.What.WOKE, null, now));
                    if (conversation.ownerKind() != OwnerKind.OPERATOR) {
                        assignments.assignWaiting(conversation.businessId(), null);
                    }
                }
            });
        }
        return due.size();
    }
}
