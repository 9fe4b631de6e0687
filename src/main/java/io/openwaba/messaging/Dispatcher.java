package io.openwaba.messaging;

import io.openwaba.shared.NodeName;
import io.openwaba.shared.BackgroundWork;
import io.openwaba.shared.WallClock;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves accepted messages to the transport: claims a batch of dispatch entries under a lease
 * (several nodes never take the same rows), hands them over, then removes the entries and
 * marks what the network refused as failed; what it asks for again stays queued until then. A
 * node that dies mid-batch leaves a lease that expires; the transport's idempotence on wamid makes
 * the retry harmless.
 */
@Component
class Dispatcher extends BackgroundWork {

    private final MessageRows messages;
    private final MessageTransport transport;
    private final StatusReports statusReports;
    private final MessagingSettings settings;
    private final Clock clock;
    /** Leases guard against crashed nodes, which happens in real time, whatever the sandbox clock says. */
    private final WallClock wall;
    private final TransactionTemplate tx;
    private final MediaLinks mediaLinks;
    private final String node = NodeName.current();

    Dispatcher(MessageRows messages, MessageTransport transport, StatusReports statusReports,
               MessagingSettings settings, Clock clock, WallClock wall, TransactionTemplate tx,
               MediaLinks mediaLinks) {
        super("dispatcher", settings.dispatchWorkers(), settings.dispatchPollInterval());
        this.messages = messages;
        this.transport = transport;
        this.statusReports = statusReports;
        this.settings = settings;
        this.clock = clock;
        this.wall = wall;
        this.tx = tx;
        this.mediaLinks = mediaLinks;
    }

    @Override
    protected int step() {
        var now = clock.instant();
        var wallNow = wall.instant();
        var claimed = tx.execute(status -> messages.claimDispatch(settings.dispatchBatchSize(), now, wallNow,
                wallNow.plus(settings.dispatchLease()), node));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        var resolved = mediaLinks.resolve(claimed);
        var results = resolved.ready().isEmpty() ? List.<TransportResult>of() : transport.send(resolved.ready());
        var failed = new ArrayList<StatusReport>(resolved.failed());
        var later = new HashMap<String, Instant>();
        for (TransportResult result : results) {
            if (result.error() != null) {
                failed.add(new StatusReport(result.wamid(), "failed", clock.instant(), result.error()));
            } else if (result.retryIn() != null) {
                later.put(result.wamid(), clock.instant().plus(result.retryIn()));
            }
        }
        tx.executeWithoutResult(status -> {
            messages.completeDispatch(claimed.stream().map(OutboundMessage::wamid)
                    .filter(wamid -> !later.containsKey(wamid)).toList());
            messages.postponeDispatch(later);
            if (!failed.isEmpty()) {
                statusReports.report(failed);
            }
        });
        return claimed.size();
    }
}
