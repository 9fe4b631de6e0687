package io.openwaba.numbers;

/**
 * Whether a messaging limit moves up one tier (POLICY.md section 1): it reached, over the look-back,
 * at least {@code upgradeAt} times its limit in unique customers, its quality allows it (not RED;
 * GREEN under meta-2025) and it is CONNECTED. Plain Java.
 */
record TierUpgrade(PolicyProfile profile) {

    record Verdict(boolean upgrade, String reason) {
    }

    Verdict check(int tierIndex, long reachedInLookBack, String quality, String status) {
        var tier = profile.tier(tierIndex);
        if (profile.topTier(tierIndex) || tier.unlimited()) {
            return new Verdict(false, tier.name() + " is the highest tier");
        }
        long needed = (long) Math.ceil(tier.limit() * profile.upgradeAt());
        var window = profile.upgradeLookBack().toDays() + " days";
        if (!status.equals("CONNECTED")) {
            return new Verdict(false, "status is " + status + ", not CONNECTED");
        }
        if (quality.equals("RED") || (profile.upgradeNeedsGreen() && !quality.equals("GREEN"))) {
            return new Verdict(false, "quality is " + quality);
        }
        if (reachedInLookBack < needed) {
            return new Verdict(false, reachedInLookBack + " unique customers in " + window + ", " + needed
                    + " needed for the next tier");
        }
        return new Verdict(true, reachedInLookBack + " unique customers in " + window + " (at least " + needed
                + " = " + profile.upgradeAt() + " x " + tier.limit() + "), quality " + quality + ", CONNECTED");
    }
}
