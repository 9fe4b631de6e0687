package io.openwaba.numbers;

import java.time.Clock;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Records a change in a number's history and announces it, in the caller's transaction:
 * {@link NumberStatusChanged}, {@link NumberQualityChanged}, {@link MessagingLimitChanged} and
 * {@link BusinessCapabilityChanged}. The webhooks module turns them into Meta's payloads.
 */
@Component
class NumberEvents {

    private final NumberHistory history;
    private final ApplicationEventPublisher publisher;
    private final PolicyProfile profile;
    private final Clock clock;

    NumberEvents(NumberHistory history, ApplicationEventPublisher publisher, PolicyProfile profile, Clock clock) {
        this.history = history;
        this.publisher = publisher;
        this.profile = profile;
        this.clock = clock;
    }

    void record(PhoneNumber number, NumberHistory.Entry entry) {
        history.add(number.id(), entry);
    }

    /** The number was flagged ({@code worsened}) or unflagged for quality; it holds {@code currentTier}. */
    void qualityChanged(PhoneNumber number, QualityRating rating, boolean worsened, String currentTier) {
        publisher.publishEvent(new NumberQualityChanged(number.id(), number.wabaId(), number.waId().digits(), rating,
                worsened, currentTier, profile.perBusiness(), clock.instant()));
    }

    void limitChanged(PhoneNumber number, String from, String to, boolean raised) {
        publisher.publishEvent(new MessagingLimitChanged(number.id(), number.wabaId(), number.waId().digits(), from, to,
                raised, profile.perBusiness(), clock.instant()));
    }

    /** The status moved; {@code restrictedUntil} when it became RESTRICTED. */
    void statusChanged(PhoneNumber number, NumberStatus from, NumberStatus to, Instant restrictedUntil) {
        publisher.publishEvent(new NumberStatusChanged(number.id(), number.wabaId(), number.waId().digits(), from, to,
                restrictedUntil, false, clock.instant()));
    }

    void deregistered(PhoneNumber number) {
        publisher.publishEvent(new NumberStatusChanged(number.id(), number.wabaId(), number.waId().digits(),
                number.status(), NumberStatus.OFFLINE, null, true, clock.instant()));
    }

    void capabilityChanged(String wabaId, Tier tier, int numbersAllowed) {
        publisher.publishEvent(new BusinessCapabilityChanged(wabaId, tier.name(), tier.limit(), numbersAllowed,
                profile.perBusiness()));
    }
}
