package io.openwaba.numbers;

import java.util.Collection;

/**
 * A number's quality rating, as Meta names it: GREEN (high), YELLOW (medium), RED (low). Any rating
 * may follow any other (the signals decide, {@link QualityRatingRule}); what a change means is its
 * direction: worse is announced as FLAGGED, better as UNFLAGGED.
 */
public enum QualityRating {
    GREEN, YELLOW, RED;

    /** Declared best first, so a later constant is worse. */
    public boolean worseThan(QualityRating other) {
        return compareTo(other) > 0;
    }

    /** The worst of the ratings; GREEN when there are none. */
    static QualityRating worst(Collection<QualityRating> ratings) {
        return ratings.stream().reduce(GREEN, (a, b) -> b.worseThan(a) ? b : a);
    }
}
