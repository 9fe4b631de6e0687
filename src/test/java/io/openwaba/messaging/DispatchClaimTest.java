package io.openwaba.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.openwaba.support.PlatformTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several dispatchers (threads here, nodes in production) claiming from one queue table never
 * get the same message: SKIP LOCKED hides rows another transaction holds, the lease hides them after.
 */
class DispatchClaimTest extends PlatformTest {

    @Autowired
    MessageRows messages;
    @Autowired
    TransactionTemplate tx;
    @Autowired
    Clock clock;

    @Test
    void concurrentClaimersNeverTakeTheSameMessage() throws Exception {
        // Due tomorrow, so the application's own dispatcher leaves them alone; the claimers look from the day after.
        var due = clock.instant().plus(Duration.ofDays(1));
        var lookFrom = due.plus(Duration.ofDays(1));
        var queued = new ArrayList<MessageRows.NewMessage>();
        for (int i = 0; i < 400; i++) {
            queued.add(new MessageRows.NewMessage("wamid.claimtest" + System.nanoTime() + "x" + i, "OUT", "claim-test",
                    "claim-test", "4915100000000", "text", "{}", "accepted", null, null, null, null, null, due));
        }
        tx.executeWithoutResult(status -> messages.insertOutbound(queued));

        var wallNow = Clock.systemUTC().instant();
        var claimed = new ConcurrentLinkedQueue<String>();
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(4);
        for (int worker = 0; worker < 4; worker++) {
            var node = "node-" + worker;
            pool.submit(() -> {
                start.await();
                while (true) {
                    List<OutboundMessage> batch = tx.execute(status ->
                            messages.claimDispatch(37, lookFrom, wallNow, wallNow.plus(Duration.ofMinutes(5)), node));
                    if (batch == null || batch.isEmpty()) {
                        return null;
                    }
                    batch.stream().filter(m -> m.phoneNumberId().equals("claim-test"))
                            .forEach(m -> claimed.add(m.wamid()));
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

        assertThat(claimed).doesNotHaveDuplicates().hasSize(400)
                .containsExactlyInAnyOrderElementsOf(queued.stream().map(MessageRows.NewMessage::wamid).toList());

        // Once the lease runs out, the work can be claimed again (a crashed node's batch is not lost).
        var afterLease = wallNow.plus(Duration.ofMinutes(6));
        var reclaimed = tx.execute(status ->
                messages.claimDispatch(1000, lookFrom, afterLease, afterLease.plusSeconds(60), "n"));
        assertThat(reclaimed.stream().filter(m -> m.phoneNumberId().equals("claim-test"))).hasSize(400);
        tx.executeWithoutResult(status -> messages.completeDispatch(claimed));
    }
}
