package io.openwaba.media;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where media bytes live. The disk under the data directory by default; an S3-compatible
 * store can implement the same three calls.
 */
interface MediaStorage {

    /** A stored file: its key in the store, size and SHA-256 (hex). */
    record Stored(String key, long size, String sha256) {
    }

    /** Thrown when the content exceeds the given maximum; nothing is left behind. */
    final class TooLarge extends IOException {
        TooLarge(long maxBytes) {
            super("larger than " + maxBytes + " bytes");
        }
    }

    /** Stores the stream's bytes, refusing more than {@code maxBytes}. */
    Stored store(InputStream content, long maxBytes) throws IOException;

    InputStream open(String key) throws IOException;

    void delete(String key) throws IOException;
}
