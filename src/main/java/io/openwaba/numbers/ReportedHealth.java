package io.openwaba.numbers;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A number's health as the network beyond openwaba reports it (Meta's webhooks in cloud mode),
 * in place of the local simulation: the number is flagged or unflagged, its messaging limit set,
 * and each change goes into its history and out as the business's webhook, as a simulated one would.
 */
@Component
public class ReportedHealth {

    private final PhoneNumberRows rows;
    private final PhoneNumbers numbers;
    private final NumberEvents events;
    private final NumberHealth health;
    private final PolicyProfile profile;
    private final Clock clock;

    ReportedHealth(PhoneNumberRows rows, PhoneNumbers numbers, NumberEvents events, NumberHealth health,
                   PolicyProfile profile, Clock clock) {
        this.rows = rows;
        this.numbers = numbers;
        this.events = events;
        this.health = health;
        this.profile = profile;
        this.clock = clock;
    }

    /**
     * Flagged: quality RED and status FLAGGED. Unflagged: CONNECTED again, and a RED rating becomes
     * YELLOW (Meta says the quality recovered, not to what). A report the number already shows changes nothing.
     */
    @Transactional
    public void qualityReported(String phoneNumberId, boolean flagged, String reason) {
        var number = rows.lock(phoneNumberId).filter(PhoneNumber::working).orElse(null);
        if (number == null) {
            return;
        }
        var now = clock.instant();
        var rating = flagged ? QualityRating.RED
                : number.qualityRating() == QualityRating.RED ? QualityRating.YELLOW : number.qualityRating();
        var status = number.status() == NumberStatus.RESTRICTED ? NumberStatus.RESTRICTED
                : flagged ? NumberStatus.FLAGGED : NumberStatus.CONNECTED;
        if (rating == number.qualityRating() && status == number.status()) {
            return;
        }
        rows.setHealth(number.id(), status, rating, flagged ? now : null);
        if (rating != number.qualityRating()) {
            events.record(number, new NumberHistory.Entry(now, "QUALITY", number.qualityRating().name(), rating.name(),
                    reason, Map.of()));
        }
        if (status != number.status()) {
            events.record(number, new NumberHistory.Entry(now, "STATUS", number.status().name(), status.name(),
                    reason, Map.of()));
            events.statusChanged(number, number.status(), status, null);
        }
        events.qualityChanged(number, rating, flagged, number.messagingLimitTier());
        numbers.forget(number.id());
    }

    /**
     * The messaging limit reported for the number: a tier name of the policy profile ({@code TIER_1K})
     * or its number of customers ({@code 1000}, {@code -1} unlimited). False when the profile has no such tier.
     */
    @Transactional
    public boolean tierReported(String phoneNumberId, String limit, String reason) {
        var number = rows.find(phoneNumberId).orElse(null);
        if (number == null) {
            return true;
        }
        var tier = tierOf(limit);
        if (tier.isEmpty()) {
            return false;
        }
        if (!profile.tier(tier.get()).name().equals(number.messagingLimitTier())) {
            health.setTier(number, tier.get(), reason);
        }
        return true;
    }

    /** Something the network said about the number that changes nothing here, kept in its history. */
    @Transactional
    public void noted(String phoneNumberId, String event, String reason, Map<String, Object> figures) {
        rows.find(phoneNumberId).ifPresent(number -> events.record(number,
                new NumberHistory.Entry(clock.instant(), "ACCOUNT", null, event, reason, figures)));
    }

    private Optional<Integer> tierOf(String limit) {
        int byName = profile.indexOf(limit);
        if (byName >= 0) {
            return Optional.of(byName);
        }
        for (int i = 0; i < profile.tiers().size(); i++) {
            var tier = profile.tier(i);
            if (limit.equals(String.valueOf(tier.limit()))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
