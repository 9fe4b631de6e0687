package io.openwaba.templates;

import java.time.Instant;

/**
 * How customers took a template's messages since a moment: what the quality score is made of.
 * The messaging module implements it (it knows the messages); templates read it.
 */
public interface TemplateSignals {

    record Signals(int sent, int read, int replied, int blocked, int reported) {
    }

    Signals since(String templateId, Instant since);
}
