package io.openwaba.shared;

import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * Identifiers that must be unique but need not be secret (wamids, webhook event ids, trace ids).
 * Made on every message, so they use the fast per-thread generator; tokens and app secrets come
 * from {@link Secrets}.
 */
public final class RandomIds {

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    /** Digits then capitals: the same order in binary comparison and in the usual collations. */
    private static final char[] SORTABLE = "0123456789ABCDEFGHIJKLMNOPQRSTUV".toCharArray();

    private RandomIds() {
    }

    public static String of(String prefix, int length) {
        return of(prefix, length, ThreadLocalRandom.current());
    }

    /**
     * Like {@link #of}, but the first nine characters after the prefix encode the current
     * millisecond, so ids made close in time sort close together: inserting them touches the
     * last pages of an index instead of a random page each time, which costs every database
     * much less to write. Uniqueness still comes from the random rest.
     */
    public static String timeOrdered(String prefix, int length) {
        var out = new StringBuilder(prefix.length() + length).append(prefix);
        long millis = System.currentTimeMillis();
        for (int shift = 40; shift >= 0; shift -= 5) {
            out.append(SORTABLE[(int) (millis >>> shift) & 31]);
        }
        return append(out, length - 9, ThreadLocalRandom.current());
    }

    static String of(String prefix, int length, RandomGenerator random) {
        return append(new StringBuilder(prefix.length() + length).append(prefix), length, random);
    }

    private static String append(StringBuilder out, int length, RandomGenerator random) {
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return out.toString();
    }
}
