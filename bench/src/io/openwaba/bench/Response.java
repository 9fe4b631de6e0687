package io.openwaba.bench;


/** The last response of a {@link Connection}, valid until its next request. */
final class Response {
    final Bytes body = new Bytes(1024);
    int status;
    long contentLength;
    boolean chunked;
    boolean close;

    int status() {
        return status;
    }

    String bodyText() {
        return body.text();
    }
}
