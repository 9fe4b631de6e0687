package io.openwaba.numbers;

import java.time.Instant;

/**
 * Where a working number's status goes next from its quality: a measured RED flags a CONNECTED
 * number; a FLAGGED one that is no longer RED is CONNECTED again (recovery wins, even on the last
 * day); one still RED when the flagged period ends drops a tier and is CONNECTED at the lower tier.
 * Profiles without flagging never move. Every move is one {@link NumberStatus} allows. Plain Java.
 */
record StatusRule(PolicyProfile profile) {

    /** A move and the status it leads to ({@code null}: the status stays). */
    enum Move {
        STAY(null), FLAG(NumberStatus.FLAGGED), UNFLAG(NumberStatus.CONNECTED), DROP_TIER(NumberStatus.CONNECTED);

        private final NumberStatus to;

        Move(NumberStatus to) {
            this.to = to;
        }

        /** The status after the move from {@code from}, checked against the status table. */
        NumberStatus applyTo(NumberStatus from) {
            return to == null ? from : from.moveTo(to);
        }
    }

    Move next(NumberStatus status, QualityRatingRule.Rating rating, Instant flaggedAt, Instant now) {
        if (!profile.flagging()) {
            return Move.STAY;
        }
        boolean red = rating.value() == QualityRating.RED;
        if (status == NumberStatus.CONNECTED && red && rating.measured()) {
            return Move.FLAG;
        }
        if (status == NumberStatus.FLAGGED && !red) {
            return Move.UNFLAG;
        }
        if (status == NumberStatus.FLAGGED && flaggedAt != null && !now.isBefore(flaggedAt.plus(profile.flaggedFor()))) {
            return Move.DROP_TIER;
        }
        return Move.STAY;
    }
}
