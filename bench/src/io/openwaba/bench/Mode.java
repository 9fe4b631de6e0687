package io.openwaba.bench;

import java.util.Locale;

/** What the load sends: text replies inside open windows, or templates to new customers. */
enum Mode {
    FOUNDATION, TEMPLATES;

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
