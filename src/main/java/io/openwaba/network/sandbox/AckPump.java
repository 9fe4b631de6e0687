package io.openwaba.network.sandbox;

import io.openwaba.network.OnSandbox;
import io.openwaba.messaging.MessageError;
import io.openwaba.messaging.StatusReport;
import io.openwaba.messaging.StatusReports;
import io.openwaba.shared.BackgroundWork;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The simulated phones' side: when an acknowledgement falls due (by the sandbox clock), it
 * reports the status to messaging and moves the phone on to its next acknowledgement, in one
 * transaction; the chat line takes its final status with the last one.
 */
@OnSandbox
@Component
class AckPump extends BackgroundWork {

    private final NetworkRows rows;
    private final StatusReports statusReports;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final SandboxSettings settings;
    private static final MessageError SIMULATED_FAILURE = MessageError.undeliverable(
            "The simulated network failed to deliver this message (openwaba.sandbox.failure-rate).");

    AckPump(NetworkRows rows, StatusReports statusReports, Clock clock, TransactionTemplate tx,
            SandboxSettings settings) {
        super("sandbox-acks", settings.ackWorkers(), settings.ackPollInterval());
        this.rows = rows;
        this.statusReports = statusReports;
        this.clock = clock;
        this.tx = tx;
        this.settings = settings;
    }

    @Override
    protected int step() {
        Integer handled = tx.execute(status -> {
            var now = clock.instant();
            var due = rows.claimDueAcks(now, settings.ackBatchSize());
            if (due.isEmpty()) {
                return 0;
            }
            statusReports.report(due.stream().map(ack -> new StatusReport(ack.wamid(), ack.status(), now,
                    ack.status().equals("failed") ? SIMULATED_FAILURE : null)).toList());
            var next = new ArrayList<NetworkRows.Ack>();
            var done = new ArrayList<NetworkRows.Ack>();
            for (NetworkRows.Ack ack : due) {
                switch (ack.status()) {
                    case "sent" -> next.add(following(ack, "delivered", settings.deliveredDelay()));
                    case "delivered" -> next.add(following(ack, "read", settings.readDelay()));
                    default -> done.add(ack);
                }
            }
            rows.updateAcks(next);
            rows.updateChatStatuses(done, now);
            rows.deleteAcks(done);
            return due.size();
        });
        return handled == null ? 0 : handled;
    }

    private static NetworkRows.Ack following(NetworkRows.Ack ack, String status, Duration delay) {
        return new NetworkRows.Ack(ack.wamid(), status, ack.takenAt(), ack.takenAt().plus(delay));
    }
}
