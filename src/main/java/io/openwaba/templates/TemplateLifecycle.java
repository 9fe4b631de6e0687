package io.openwaba.templates;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a sendable template goes next, given its quality: RED flags an
 * APPROVED template; a FLAGGED one that is no longer RED is reinstated (recovery wins, even on
 * the last day); one still RED 7 days after it was flagged is DISABLED. Plain Java.
 */
record TemplateLifecycle(Duration flaggedFor) {

    static final TemplateLifecycle STANDARD = new TemplateLifecycle(Duration.ofDays(7));

    /** A status change and the webhook event that announces it. */
    record Move(String to, String event) {
    }

    static final Move STAY = new Move(null, null);

    Move next(String status, String score, Instant flaggedAt, Instant now) {
        if (status.equals("APPROVED") && score.equals("RED")) {
            return new Move("FLAGGED", "FLAGGED");
        }
        if (status.equals("FLAGGED") && !score.equals("RED")) {
            return new Move("APPROVED", "REINSTATED");
        }
        if (status.equals("FLAGGED") && !now.isBefore(flaggedAt.plus(flaggedFor))) {
            return new Move("DISABLED", "DISABLED");
        }
        return STAY;
    }
}
