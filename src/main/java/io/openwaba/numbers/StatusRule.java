package io.openwaba.numbers;

import java.time.Instant;

/**
 * Where a working number's status goes next from its quality (POLICY.md section 1): a measured RED
 * flags a CONNECTED number; a FLAGGED one that is no longer RED is CONNECTED again (recovery wins,
 * even on the last day); one still RED when the flagged period ends drops a tier and is CONNECTED
 * at the lower tier. Profiles without flagging never move. Plain Java.
 */
record StatusRule(PolicyProfile profile) {

    enum Move { STAY, FLAG, UNFLAG, DROP_TIER }

    Move next(String status, QualityRating.Rating rating, Instant flaggedAt, Instant now) {
        if (!profile.flagging()) {
            return Move.STAY;
        }
        boolean red = rating.value().equals("RED");
        if (status.equals("CONNECTED") && red && rating.measured()) {
            return Move.FLAG;
        }
        if (status.equals("FLAGGED") && !red) {
            return Move.UNFLAG;
        }
        if (status.equals("FLAGGED") && flaggedAt != null && !now.isBefore(flaggedAt.plus(profile.flaggedFor()))) {
            return Move.DROP_TIER;
        }
        return Move.STAY;
    }
}
