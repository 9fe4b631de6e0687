package io.openwaba.numbers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code openwaba.policy.*}: the profile ({@code classic} or {@code meta-2025}) and, optionally, any
 * of its figures replaced. Unset figures keep the profile's value.
 */
@ConfigurationProperties("openwaba.policy")
record PolicySettings(String profile, List<Long> tierLimits, Double upgradeAt, Duration upgradeLookBack,
                      Duration upgradeCheckEvery, Duration window, Duration flaggedFor,
                      Integer numbersWhenUnverified, Integer numbersWhenVerified) {

    PolicyProfile resolve() {
        var base = switch (profile == null || profile.isBlank() ? "classic" : profile.trim()) {
            case "classic" -> PolicyProfile.CLASSIC;
            case "meta-2025" -> PolicyProfile.META_2025;
            default -> throw new IllegalArgumentException(
                    "openwaba.policy.profile must be classic or meta-2025, not " + profile);
        };
        var tiers = base.tiers();
        if (tierLimits != null && !tierLimits.isEmpty()) {
            if (tierLimits.size() != base.tiers().size()) {
                throw new IllegalArgumentException("openwaba.policy.tier-limits needs " + base.tiers().size()
                        + " values (-1 for unlimited), got " + tierLimits.size());
            }
            var replaced = new ArrayList<Tier>();
            for (int i = 0; i < tierLimits.size(); i++) {
                replaced.add(new Tier(base.tiers().get(i).name(), tierLimits.get(i)));
            }
            tiers = List.copyOf(replaced);
        }
        return new PolicyProfile(base.name(), base.perBusiness(), tiers, base.unverifiedTier(), base.verifiedTier(),
                upgradeAt == null ? base.upgradeAt() : upgradeAt, base.upgradeNeedsGreen(),
                window == null ? base.window() : window,
                upgradeLookBack == null ? base.upgradeLookBack() : upgradeLookBack,
                upgradeCheckEvery == null ? base.upgradeCheckEvery() : upgradeCheckEvery, base.flagging(),
                flaggedFor == null ? base.flaggedFor() : flaggedFor,
                numbersWhenUnverified == null ? base.numbersWhenUnverified() : numbersWhenUnverified,
                numbersWhenVerified == null ? base.numbersWhenVerified() : numbersWhenVerified);
    }
}
