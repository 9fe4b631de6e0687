package io.openwaba.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes items submitted by many request threads in shared transactions: whatever queued up
 * while the previous batch committed goes into the next one. Each submitter's future completes
 * only once its item is committed, so a 200 is never answered for data that could be lost. The
 * batch writer answers each item (whether it was written, or why not): {@code R}, one per item, in order.
 */
public final class GroupCommit<T, R> {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final BlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();
    private final int maxBatch;
    private final Function<List<T>, List<R>> writeBatch;
    private final Thread writer;
    private volatile boolean running = true;

    public GroupCommit(String name, int maxBatch, Function<List<T>, List<R>> writeBatch) {
        this.maxBatch = maxBatch;
        this.writeBatch = writeBatch;
        this.writer = new Thread(this::loop, name);
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /** A submitted item: wait for {@link #done()}, or {@link #withdraw()} it while it is still queued. */
    public static final class Pending<T, R> {
        private final T item;
        private final CompletableFuture<R> done = new CompletableFuture<>();
        private final AtomicBoolean taken = new AtomicBoolean();

        private Pending(T item) {
            this.item = item;
        }

        public CompletableFuture<R> done() {
            return done;
        }

        /** True if the item was still waiting and now will never be written. */
        public boolean withdraw() {
            return taken.compareAndSet(false, true);
        }
    }

    public Pending<T, R> submit(T item) {
        var pending = new Pending<T, R>(item);
        if (!running) {
            pending.withdraw();
            pending.done().completeExceptionally(new IllegalStateException("shutting down"));
            return pending;
        }
        queue.add(pending);
        return pending;
    }

    public void close() {
        running = false;
        try {
            writer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending<T, R> left;
        while ((left = queue.poll()) != null) {
            if (left.withdraw()) {
                left.done().completeExceptionally(new IllegalStateException("shutting down"));
            }
        }
    }

    private void loop() {
        var batch = new ArrayList<Pending<T, R>>(maxBatch);
        while (running || !queue.isEmpty()) {
            Pending<T, R> first;
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
            batch.removeIf(pending -> !pending.taken.compareAndSet(false, true));
            if (batch.isEmpty()) {
                continue;
            }
            try {
                var answers = writeBatch.apply(batch.stream().map(pending -> pending.item).toList());
                for (int i = 0; i < batch.size(); i++) {
                    batch.get(i).done().complete(answers.get(i));
                }
            } catch (RuntimeException e) {
                log.error("Could not commit a batch of {} items; their requests fail and nothing was stored",
                        batch.size(), e);
                batch.forEach(pending -> pending.done().completeExceptionally(e));
            }
            batch.clear();
        }
    }
}
