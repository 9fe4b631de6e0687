package io.openwaba.bench.report;

import java.util.Locale;

/** How the report and the log lines write figures. */
public final class Format {

    private Format() {
    }

    public static String fixed(double value, int decimals) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%." + decimals + "f", value) : "n/a";
    }

    public static String millis(long nanos) {
        return nanos < 0 ? "n/a" : fixed(nanos / 1e6, 2);
    }

    public static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : fixed(value, 2);
    }
}
