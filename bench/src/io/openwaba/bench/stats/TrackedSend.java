package io.openwaba.bench.stats;

/** An accepted send: when it started, when its 200 arrived, and whether in the measured window. */
record TrackedSend(long start, long accepted, boolean measured) {
}
