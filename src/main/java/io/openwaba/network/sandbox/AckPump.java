package io.openwaba.network.sandbox;

import io.openwaba.messaging.MessageError;
import io.openwaba.messaging.Messaging;
import io.openwaba.messaging.StatusReport;
import io.openwaba.shared.PollingWorker;
import java.time.Clock;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The simulated phones' side: when an acknowledgement falls due (by the sandbox clock), it
 * updates the customer's chat and reports the status to messaging, in one transaction.
 */
@Component
class AckPump implements SmartLifecycle {

    private final NetworkRows rows;
    private final Messaging messaging;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final SandboxSettings settings;
    private final PollingWorker worker;

    AckPump(NetworkRows rows, @Lazy Messaging messaging, Clock clock, TransactionTemplate tx,
            SandboxSettings settings) {
        this.rows = rows;
        this.messaging = messaging;
        this.clock = clock;
        this.tx = tx;
        this.settings = settings;
        this.worker = new PollingWorker("sandbox-acks", 1, settings.ackPollInterval(), this::acknowledgeDue);
    }

    void wake() {
        worker.wake();
    }

    int acknowledgeDue() {
        Integer handled = tx.execute(status -> {
            var now = clock.instant();
            var due = rows.claimDueAcks(now, settings.ackBatchSize());
            if (due.isEmpty()) {
                return 0;
            }
            rows.updateChatStatuses(due, now);
            messaging.reportStatuses(due.stream().map(ack -> new StatusReport(ack.wamid(), ack.status(), now,
                    ack.errorCode() == null ? null : MessageError.undeliverable(
                            "The simulated network failed to deliver this message (openwaba.sandbox.failure-rate)."))
            ).toList());
            rows.deleteAcks(due);
            return due.size();
        });
        return handled == null ? 0 : handled;
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.stop();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}
