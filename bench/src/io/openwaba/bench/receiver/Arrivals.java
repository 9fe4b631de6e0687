package io.openwaba.bench.receiver;

import java.util.concurrent.atomic.AtomicLongArray;

/** First arrival time per status of one wamid; 0 means not arrived yet. */
public final class Arrivals {
    public static final int SENT = 0;
    public static final int DELIVERED = 1;
    public static final int READ = 2;
    public static final int FAILED = 3;

    private final AtomicLongArray firstAt = new AtomicLongArray(4);

    Arrivals() {
    }

    boolean record(int status, long at) {
        return firstAt.compareAndSet(status, 0, at);
    }

    public long at(int status) {
        return firstAt.get(status);
    }

    public boolean complete() {
        return at(SENT) > 0 && at(DELIVERED) > 0 && at(READ) > 0;
    }

    public boolean failed() {
        return at(FAILED) > 0;
    }

    boolean settled() {
        return at(READ) > 0 || failed();
    }

    static int index(String status) {
        if (status == null) {
            return -1;
        }
        switch (status) {
            case "sent": return SENT;
            case "delivered": return DELIVERED;
            case "read": return READ;
            case "failed": return FAILED;
            default: return -1;
        }
    }
}
