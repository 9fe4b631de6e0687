package io.openwaba.bench;


/** Writes one request into a client thread's reused buffer. */
interface RequestTemplate {
    void write(Bytes out);
}
