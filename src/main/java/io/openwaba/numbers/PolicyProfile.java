package io.openwaba.numbers;

import java.time.Duration;
import java.util.List;

/**
 * The figures of number health as one value: the messaging-limit tiers, the starting tier, the
 * upgrade threshold and look-back, the flagged period and the number allowance. {@code classic} is
 * the long-standing table: a limit per number (50, 1K, 10K, 100K, unlimited), upgraded at twice the
 * limit, FLAGGED on RED with a tier drop after 7 days, 2 numbers unverified and 25 verified.
 * {@code meta-2025} is Meta's rule since October 2025: one limit per business shared by its numbers,
 * upgraded at half the limit with GREEN quality, no FLAGGED state.
 */
public record PolicyProfile(String name, boolean perBusiness, List<Tier> tiers, int unverifiedTier,
                            int verifiedTier, double upgradeAt, boolean upgradeNeedsGreen, Duration window,
                            Duration upgradeLookBack, Duration upgradeCheckEvery, boolean flagging,
                            Duration flaggedFor, int numbersWhenUnverified, int numbersWhenVerified) {

    static final PolicyProfile CLASSIC = new PolicyProfile("classic", false, List.of(
            new Tier("TIER_50", 50), new Tier("TIER_1K", 1_000), new Tier("TIER_10K", 10_000),
            new Tier("TIER_100K", 100_000), new Tier("TIER_UNLIMITED", -1)),
            0, 1, 2.0, false, Duration.ofHours(24), Duration.ofDays(7), Duration.ofHours(1), true,
            Duration.ofDays(7), 2, 25);

    static final PolicyProfile META_2025 = new PolicyProfile("meta-2025", true, List.of(
            new Tier("TIER_250", 250), new Tier("TIER_2K", 2_000), new Tier("TIER_10K", 10_000),
            new Tier("TIER_100K", 100_000), new Tier("TIER_UNLIMITED", -1)),
            0, 1, 0.5, true, Duration.ofHours(24), Duration.ofDays(7), Duration.ofHours(6), false,
            Duration.ofDays(7), 2, 20);

    public Tier tier(int index) {
        return tiers.get(Math.max(0, Math.min(index, tiers.size() - 1)));
    }

    public int startTier(boolean verifiedBusiness) {
        return verifiedBusiness ? verifiedTier : unverifiedTier;
    }

    public int numbersAllowed(boolean verifiedBusiness) {
        return verifiedBusiness ? numbersWhenVerified : numbersWhenUnverified;
    }

    /** The tier index of a Graph tier name, or -1. */
    public int indexOf(String tierName) {
        for (int i = 0; i < tiers.size(); i++) {
            if (tiers.get(i).name().equals(tierName)) {
                return i;
            }
        }
        return -1;
    }

    public boolean topTier(int index) {
        return index >= tiers.size() - 1;
    }
}
