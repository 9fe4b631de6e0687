package io.openwaba.numbers;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a number's request for the official business account (the green tick) stands: NONE until
 * the business asks, PENDING until the BSP admin decides, then APPROVED or REFUSED. A refused
 * business may ask again; deregistering a number takes it back to NONE from anywhere.
 */
public enum OfficialStatus {
    NONE, PENDING, APPROVED, REFUSED;

    private static final Map<OfficialStatus, Set<OfficialStatus>> MOVES = Map.of(
            NONE, EnumSet.of(PENDING, NONE),
            PENDING, EnumSet.of(APPROVED, REFUSED, NONE),
            APPROVED, EnumSet.of(NONE),
            REFUSED, EnumSet.of(PENDING, NONE));

    public boolean canMoveTo(OfficialStatus target) {
        return MOVES.get(this).contains(target);
    }

    /** The status after a move the table allows; any other move is a bug in the caller, so it throws. */
    public OfficialStatus moveTo(OfficialStatus target) {
        if (!canMoveTo(target)) {
            throw new IllegalStateException("an official business account request cannot move from " + this
                    + " to " + target);
        }
        return target;
    }
}
