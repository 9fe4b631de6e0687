package io.openwaba.bench.client;

/**
 * What the driver reports while it runs a phase: the window, the scheduler's lag, the shed slots and each
 * request's outcome. The statistics implement it, so the client knows nothing of them.
 */
public interface PhaseRecorder {

    /** Opens the window at {@code at} and returns it as the phase's start. */
    long open(long at);

    void close(long at);

    void lagged(long lagNanos);

    /** A send slot that found every client thread busy. */
    void shed();

    void connections(long opened, long staleRetried);

    void complete(Response response, Exception error, long start, long end, OnSuccess onSuccess);
}
