package io.openwaba.bench.report;

/** One report line: a key and its value, or a section title without value. */
record Line(String key, String value) {
}
