package io.openwaba.numbers;

import io.openwaba.shared.Decision;
import java.util.LinkedHashMap;

/**
 * Whether a messaging limit moves up one tier: it reached, over the look-back, at least
 * {@code upgradeAt} times its limit in unique customers (twice under classic, half under meta-2025),
 * its quality allows it (not RED; GREEN under meta-2025) and it is CONNECTED. A refusal stays inside
 * the platform: no client hears about it. Plain Java.
 */
record TierUpgradeRule(PolicyProfile profile) {

    static final String RULE = "tier-upgrade";

    Decision check(int tierIndex, long reachedInLookBack, QualityRating quality, NumberStatus status) {
        var tier = profile.tier(tierIndex);
        var figures = new LinkedHashMap<String, Object>();
        figures.put("customers_reached_7d", reachedInLookBack);
        figures.put("limit", tier.limit());
        figures.put("upgrade_at", profile.upgradeAt());
        figures.put("quality_rating", quality.name());
        if (profile.topTier(tierIndex) || tier.unlimited()) {
            return Decision.refuse(RULE, tier.name() + " is the highest tier", figures);
        }
        long needed = (long) Math.ceil(tier.limit() * profile.upgradeAt());
        var window = profile.upgradeLookBack().toDays() + " days";
        if (status != NumberStatus.CONNECTED) {
            return Decision.refuse(RULE, "status is " + status + ", not CONNECTED", figures);
        }
        if (quality == QualityRating.RED || (profile.upgradeNeedsGreen() && quality != QualityRating.GREEN)) {
            return Decision.refuse(RULE, "quality is " + quality, figures);
        }
        if (reachedInLookBack < needed) {
            return Decision.refuse(RULE, reachedInLookBack + " unique customers in " + window + ", " + needed
                    + " needed for the next tier", figures);
        }
        return Decision.allow(reachedInLookBack + " unique customers in " + window + " (at least " + needed
                + " = " + profile.upgradeAt() + " x " + tier.limit() + "), quality " + quality + ", CONNECTED", figures);
    }
}
