package io.openwaba.bench.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer, reused from request to request. */
public final class Bytes {
    private byte[] data;
    private int length;

    Bytes(int capacity) {
        this.data = new byte[capacity];
    }

    Bytes reset() {
        length = 0;
        return this;
    }

    public Bytes append(byte[] bytes) {
        return append(bytes, 0, bytes.length);
    }

    public Bytes append(byte[] bytes, int offset, int count) {
        ensure(count);
        System.arraycopy(bytes, offset, data, length, count);
        length += count;
        return this;
    }

    /** Appends a non-negative number in decimal ASCII. */
    public Bytes appendDecimal(long value) {
        int digits = digits(value);
        ensure(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            data[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += digits;
        return this;
    }

    public static int digits(long value) {
        int digits = 1;
        for (long rest = value; rest >= 10; rest /= 10) {
            digits++;
        }
        return digits;
    }

    byte[] array() {
        return data;
    }

    int length() {
        return length;
    }

    String text() {
        return new String(data, 0, length, StandardCharsets.UTF_8);
    }

    private void ensure(int extra) {
        if (length + extra > data.length) {
            data = Arrays.copyOf(data, Math.max(data.length * 2, length + extra));
        }
    }
}
