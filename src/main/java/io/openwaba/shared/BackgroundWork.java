package io.openwaba.shared;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * A component whose work runs on its own {@link PollingWorker} threads, started and stopped
 * with the application: subclasses say what one round of work is ({@link #step()}).
 */
public abstract class BackgroundWork implements SmartLifecycle {

    private final PollingWorker worker;

    protected BackgroundWork(String name, int threadCount, Duration idle) {
        this.worker = new PollingWorker(name, threadCount, idle, this::step);
    }

    /** One round: claims and works a batch; how many items it handled (0 waits for the idle interval or a wake-up). */
    protected abstract int step();

    /** Runs a round now instead of at the end of the idle interval. */
    public void wake() {
        worker.wake();
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
