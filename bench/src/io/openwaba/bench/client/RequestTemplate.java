package io.openwaba.bench.client;

/** Writes one request into a client thread's reused buffer. */
public interface RequestTemplate {
    void write(Bytes out);
}
