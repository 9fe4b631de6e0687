package io.openwaba.shared;

import java.security.SecureRandom;

/** Graph node ids: 15-digit numeric strings, as Meta's WABA, phone-number and media ids look. */
public final class NodeIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long LOWEST = 100_000_000_000_000L;

    private NodeIds() {
    }

    public static String next() {
        return Long.toString(LOWEST + (long) (RANDOM.nextDouble() * 9 * LOWEST));
    }
}
