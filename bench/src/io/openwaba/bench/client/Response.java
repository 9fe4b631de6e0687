package io.openwaba.bench.client;

/** The last response of a {@link Connection}, valid until its next request. */
public final class Response {
    // Filled in by the connection that read it.
    final Bytes body = new Bytes(1024);
    int status;
    long contentLength;
    boolean chunked;
    boolean close;

    Response() {
    }

    public int status() {
        return status;
    }

    public String bodyText() {
        return body.text();
    }
}
