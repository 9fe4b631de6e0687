package io.openwaba.numbers;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A business number's status, as Meta names it, and the moves between statuses. A number is added
 * UNVERIFIED (or CONNECTED by the admin), goes PENDING review once registered, and the review makes
 * it CONNECTED or OFFLINE. A CONNECTED number is FLAGGED while its quality is RED and RESTRICTED
 * while its messaging limit is exhausted with quality RED; it comes back to CONNECTED (or to FLAGGED,
 * from RESTRICTED). Deregistering makes any number OFFLINE; an OFFLINE number is registered again.
 */
public enum NumberStatus {
    UNVERIFIED, PENDING, CONNECTED, FLAGGED, RESTRICTED, OFFLINE;

    /** The statuses in which a number sends: FLAGGED and RESTRICTED still send session messages. */
    public static final Set<NumberStatus> WORKING = Set.copyOf(EnumSet.of(CONNECTED, FLAGGED, RESTRICTED));

    private static final Map<NumberStatus, Set<NumberStatus>> MOVES = Map.of(
            UNVERIFIED, EnumSet.of(PENDING, OFFLINE),
            PENDING, EnumSet.of(CONNECTED, OFFLINE),
            CONNECTED, EnumSet.of(FLAGGED, RESTRICTED, OFFLINE),
            FLAGGED, EnumSet.of(CONNECTED, RESTRICTED, OFFLINE),
            RESTRICTED, EnumSet.of(CONNECTED, FLAGGED, OFFLINE),
            // Deregistering an OFFLINE number again is allowed: it deletes whatever history is left.
            OFFLINE, EnumSet.of(PENDING, OFFLINE));

    public boolean working() {
        return WORKING.contains(this);
    }

    /** Whether the number counts against its WABA's (or business's) number allowance. */
    public boolean countsTowardAllowance() {
        return this != OFFLINE;
    }

    public boolean canMoveTo(NumberStatus target) {
        return MOVES.get(this).contains(target);
    }

    /**
     * The status after a move to {@code target}; a move the table does not allow is a bug in the
     * caller, never a client's mistake, so it throws.
     */
    public NumberStatus moveTo(NumberStatus target) {
        if (!canMoveTo(target)) {
            throw new IllegalStateException("a number cannot move from " + this + " to " + target);
        }
        return target;
    }

    /** Where a RESTRICTED number goes once the window frees capacity: back to FLAGGED if it was, else CONNECTED. */
    static NumberStatus afterRestriction(boolean flagged) {
        return RESTRICTED.moveTo(flagged ? FLAGGED : CONNECTED);
    }
}
