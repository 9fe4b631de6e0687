package io.openwaba.shared;

/** No valid access token came with the request. Each API surface answers it in its own envelope. */
public class Unauthenticated extends RuntimeException {
    public Unauthenticated(String message) {
        super(message);
    }
}
