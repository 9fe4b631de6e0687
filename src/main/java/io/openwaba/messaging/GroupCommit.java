package io.openwaba.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes items submitted by many request threads in shared transactions: whatever queued up
 * while the previous batch committed goes into the next one. Each submitter's future completes
 * only once its item is committed, so a 200 is never answered for data that could be lost.
 */
final class GroupCommit<T> {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final BlockingQueue<Pending<T>> queue = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final Consumer<List<T>> writeBatch;
    private final Thread writer;
    private volatile boolean running = true;

    GroupCommit(String name, int maxBatch, Consumer<List<T>> writeBatch) {
        this.maxBatch = maxBatch;
        this.writeBatch = writeBatch;
        this.writer = new Thread(this::loop, name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    CompletableFuture<Void> submit(T item) {
        var pending = new Pending<T>(item, new CompletableFuture<>());
        if (!running) {
            pending.done().completeExceptionally(new IllegalStateException("shutting down"));
            return pending.done();
        }
        queue.add(pending);
        return pending.done();
    }

    void close() {
        running = false;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending<T> left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new IllegalStateException("shutting down"));
        }
    }

    private void loop() {
        var batch = new ArrayList<Pending<T>>(maxBatch);
        while (running || !queue.isEmpty()) {
            Pending<T> first;
            try {
                // No interrupts to wake this thread: H2 closes its file when a thread is interrupted mid-write.
                first = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, maxBatch - 1);
            try {
                writeBatch.accept(batch.stream().map(Pending::item).toList());
                batch.forEach(pending -> pending.done().complete(null));
            } catch (RuntimeException e) {
                log.error("Could not commit a batch of {} items; their requests fail and nothing was stored",
                        batch.size(), e);
                batch.forEach(pending -> pending.done().completeExceptionally(e));
            }
            batch.clear();
        }
    }

    private record Pending<T>(T item, CompletableFuture<Void> done) {
    }
}
