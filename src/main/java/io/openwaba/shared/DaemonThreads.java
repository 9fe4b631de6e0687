package io.openwaba.shared;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Pools for blocking calls (HTTP, downloads) whose threads never keep the JVM from stopping. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** {@code size} threads named {@code name}: as many blocking calls at once, no more. */
    public static ExecutorService fixedPool(String name, int size) {
        return Executors.newFixedThreadPool(size, runnable -> {
            var thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
