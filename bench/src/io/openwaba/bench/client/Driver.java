package io.openwaba.bench.client;

import io.openwaba.bench.shared.DaemonThreads;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import static io.openwaba.bench.shared.Elapsed.now;

/**
 * Issues requests at a fixed rate or closed loop through {@code clients} client threads, each owning one
 * keep-alive connection, so never more than {@code clients} requests are in flight.
 */
public final class Driver implements AutoCloseable {

    /** How long one request may take, here and in the setup calls, before it counts as failed. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    static final Phase STOP = new Phase(null, null, null, false, 0);

    private final Worker[] workers;
    /** Idle workers, a Treiber stack; only the dispatching thread pops, which rules out ABA. */
    private final AtomicReference<Worker> idle = new AtomicReference<>();
    private final AtomicInteger busy = new AtomicInteger();

    public Driver(Target target, int clients) {
        this.workers = new Worker[clients];
        ThreadFactory threads = DaemonThreads.named("client");
        for (int i = 0; i < clients; i++) {
            workers[i] = new Worker(this, new Connection(target));
            workers[i].thread = threads.newThread(workers[i]);
            push(workers[i]);
            workers[i].thread.start();
        }
        Thread watchdog = DaemonThreads.named("request-timeout").newThread(this::expireRequests);
        watchdog.start();
    }

    public void run(PhaseRecorder stats, double rate, int seconds, RequestTemplate requests, OnSuccess onSuccess) {
        long start = stats.open(now());
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        Phase phase = new Phase(stats, requests, onSuccess, rate <= 0, end);
        if (rate > 0) {
            for (long seq = 0; ; seq++) {
                long due = start + (long) (seq * 1e9 / rate);
                if (due >= end) {
                    break;
                }
                for (long wait = due - now(); wait > 0; wait = due - now()) {
                    LockSupport.parkNanos(wait);
                }
                stats.lagged(now() - due);
                Worker worker = pop();
                if (worker == null) {
                    stats.shed();
                } else {
                    dispatch(worker, phase);
                }
            }
        } else {
            for (Worker worker = pop(); worker != null; worker = pop()) {
                dispatch(worker, phase);
            }
            for (long wait = end - now(); wait > 0; wait = end - now()) {
                LockSupport.parkNanos(wait);
            }
        }
        stats.close(now());
    }

    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = now() + timeout.toNanos();
        while (busy.get() > 0) {
            if (now() >= deadline) {
                return false;
            }
            Thread.sleep(2);
        }
        return true;
    }

    @Override
    public void close() {
        for (Worker worker : workers) {
            worker.assigned = STOP;
            LockSupport.unpark(worker.thread);
        }
    }

    private void dispatch(Worker worker, Phase phase) {
        busy.incrementAndGet();
        worker.assigned = phase;
        LockSupport.unpark(worker.thread);
    }

    void finished(Worker worker) {
        push(worker);
        busy.decrementAndGet();
    }

    private void push(Worker worker) {
        Worker head;
        do {
            head = idle.get();
            worker.next = head;
        } while (!idle.compareAndSet(head, worker));
    }

    private Worker pop() {
        Worker head;
        do {
            head = idle.get();
            if (head == null) {
                return null;
            }
        } while (!idle.compareAndSet(head, head.next));
        head.next = null;
        return head;
    }

    /** Closes the socket of a request that has run longer than the request timeout. */
    private void expireRequests() {
        while (true) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            long at = now();
            for (Worker worker : workers) {
                worker.connection.expire(at);
            }
        }
    }
}
