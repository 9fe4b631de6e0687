package io.openwaba.bench.shared;

/** The generator's clock: nanoseconds since it started, the time stamp of every request, delivery and log line. */
public final class Elapsed {

    private static final long ORIGIN = System.nanoTime() - 1;

    private Elapsed() {
    }

    public static long now() {
        return System.nanoTime() - ORIGIN;
    }
}
