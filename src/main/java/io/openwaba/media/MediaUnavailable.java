package io.openwaba.media;

/** Media named by a link could not be fetched or is not what the message may carry; the message says why. */
public class MediaUnavailable extends Exception {

    public MediaUnavailable(String message) {
        super(message);
    }
}
