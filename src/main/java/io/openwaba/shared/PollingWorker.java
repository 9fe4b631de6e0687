package io.openwaba.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs one step of a work queue over and over on its own threads: a step claims a batch, works
 * it and returns how many items it handled. An empty step makes the thread wait for the idle
 * interval or for {@link #wake()}, whichever comes first; a full one loops at once.
 */
public final class PollingWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PollingWorker.class);

    private final String name;
    private final int threadCount;
    private final Duration idle;
    private final IntSupplier step;
    private final Object signal = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    public PollingWorker(String name, int threadCount, Duration idle, IntSupplier step) {
        this.name = name;
        this.threadCount = threadCount;
        this.idle = idle;
        this.step = step;
    }

    public void wake() {
        synchronized (signal) {
            signal.notifyAll();
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        for (int i = 0; i < threadCount; i++) {
            var thread = new Thread(this::loop, name + "-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        wake();
        for (Thread thread : threads) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        while (running) {
            int handled;
            try {
                handled = step.getAsInt();
            } catch (RuntimeException e) {
                log.warn("{}: step failed, retrying after {}", name, idle, e);
                handled = 0;
            }
            if (handled == 0 && running) {
                synchronized (signal) {
                    try {
                        signal.wait(Math.max(1, idle.toMillis()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
