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

    private RandomIds() {
    }

    public static String of(String prefix, int length) {
        return of(prefix, length, ThreadLocalRandom.current());
    }

    static String of(String prefix, int length, RandomGenerator random) {
        var out = new StringBuilder(prefix.length() + length).append(prefix);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return out.toString();
    }
}
