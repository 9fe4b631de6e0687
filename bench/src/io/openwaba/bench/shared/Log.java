package io.openwaba.bench.shared;

import java.util.Locale;

/** Progress lines on stderr, stamped with the seconds since the start; the report goes to stdout. */
public final class Log {

    private Log() {
    }

    public static void log(String format, Object... args) {
        System.err.printf(Locale.ROOT, "[sendload %7.1fs] %s%n", Elapsed.now() / 1e9,
                String.format(Locale.ROOT, format, args));
    }
}
