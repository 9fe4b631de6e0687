package io.openwaba.messaging;

import io.openwaba.shared.NodeName;
import io.openwaba.shared.BackgroundWork;
import io.openwaba.shared.WallClock;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Moves accepted messages to the transport: claims a batch of dispatch entries under a lease
 * (several nodes never take the same rows) and hands it over; once the network has answered,
 * removes the entries and marks what it refused as failed; what it asks for again stays queued
 * until then. The dispatcher does not wait for an answer: it claims further batches while up to
 * {@value #IN_FLIGHT_BATCHES} batches are out, and settles answered ones as they come. A node that
 * dies mid-batch leaves a lease that expires; the transport's idempotence on wamid makes the retry
 * harmless.
 */
@Component
class Dispatcher extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    static final int IN_FLIGHT_BATCHES = 4;

    /** A handed-over batch the network has answered for, or failed on (then its leases expire and it is retried). */
    private record Answered(List<OutboundMessage> claimed, List<StatusReport> unresolved,
                            List<TransportResult> results, Throwable failure) {
    }

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
    private final Queue<Answered> answered = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

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
        int handed = inFlight.get() < IN_FLIGHT_BATCHES * settings.dispatchBatchSize() ? handOver() : 0;
        return handed + settle();
    }

    private int handOver() {
        var now = clock.instant();
        var wallNow = wall.instant();
        var claimed = tx.execute(status -> messages.claimDispatch(settings.dispatchBatchSize(), now, wallNow,
                wallNow.plus(settings.dispatchLease()), node));
        if (claimed == null || claimed.isEmpty()) {
            return 0;
        }
        inFlight.addAndGet(claimed.size());
        var resolved = mediaLinks.resolve(claimed);
        CompletableFuture<List<TransportResult>> results;
        try {
            results = resolved.ready().isEmpty()
                    ? CompletableFuture.completedFuture(List.of()) : transport.send(resolved.ready());
        } catch (RuntimeException e) {
            results = CompletableFuture.failedFuture(e);
        }
        results.whenComplete((answers, failure) -> {
            answered.add(new Answered(claimed, resolved.failed(), answers, failure));
            wake();
        });
        return claimed.size();
    }

    private int settle() {
        var done = new ArrayList<Answered>();
        for (Answered batch; (batch = answered.poll()) != null; ) {
            inFlight.addAndGet(-batch.claimed().size());
            if (batch.failure() == null) {
                done.add(batch);
            } else {
                log.warn("the network failed on a batch of {} messages; they are handed over again when their "
                        + "lease ends", batch.claimed().size(), batch.failure());
            }
        }
        if (done.isEmpty()) {
            return 0;
        }
        var completed = new ArrayList<String>();
        var failed = new ArrayList<StatusReport>();
        var later = new HashMap<String, Instant>();
        for (Answered batch : done) {
            failed.addAll(batch.unresolved());
            for (TransportResult result : batch.results()) {
                if (result.error() != null) {
                    failed.add(new StatusReport(result.wamid(), "failed", clock.instant(), result.error()));
                } else if (result.retryIn() != null) {
                    later.put(result.wamid(), clock.instant().plus(result.retryIn()));
                }
            }
            batch.claimed().stream().map(OutboundMessage::wamid).filter(wamid -> !later.containsKey(wamid))
                    .forEach(completed::add);
        }
        tx.executeWithoutResult(status -> {
            messages.completeDispatch(completed);
            messages.postponeDispatch(later);
            if (!failed.isEmpty()) {
                statusReports.report(failed);
            }
        });
        return done.size();
    }
}
