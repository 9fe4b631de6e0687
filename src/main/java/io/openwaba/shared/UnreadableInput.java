package io.openwaba.shared;

/**
 * Request text no API accepts: a NUL character (which PostgreSQL cannot store in text) or
 * percent-encoding that is not valid UTF-8. Each API answers it as bad input in its own envelope.
 */
public class UnreadableInput extends RuntimeException {

    public UnreadableInput(String message) {
        super(message);
    }
}
