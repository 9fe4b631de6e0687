package io.openwaba.bench.client;

/** Decides whether a 2xx response counts as accepted (a send: whether it carries a wamid). */
public interface OnSuccess {
    boolean accept(Response response, long start, long end);
}
