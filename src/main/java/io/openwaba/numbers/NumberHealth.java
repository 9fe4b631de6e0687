package io.openwaba.numbers;

import io.openwaba.shared.BackgroundWork;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates every working number on a schedule (and one on demand), one limit holder per
 * transaction with its rows locked: quality rating from the signals, status moves (FLAGGED,
 * recovery, tier drop), lifting RESTRICTED, the tier upgrade check, the human agent rule; and
 * finishes the review of PENDING numbers. Each change goes into the history with its figures and
 * out as a webhook.
 */
@Component
class NumberHealth extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(NumberHealth.class);

    private final PhoneNumberRows rows;
    private final PhoneNumbers numbers;
    private final LimitLedger ledger;
    private final SendAdmission admission;
    private final NumberEvents events;
    private final NumberSignals signals;
    private final FeedbackRows feedback;
    private final PolicyProfile profile;
    private final NumberSettings settings;
    private final QualityRatingRule quality;
    private final StatusRule statusRule;
    private final TierUpgradeRule tierUpgrade;
    private final RestrictionRule restriction;
    private final Clock clock;
    private final TransactionTemplate tx;
    private final ObjectProvider<NumberRelay> relay;
    private final ObjectProvider<HumanPath> humanPaths;

    NumberHealth(PhoneNumberRows rows, PhoneNumbers numbers, LimitLedger ledger, SendAdmission admission,
                 NumberEvents events, NumberSignals signals, FeedbackRows feedback, PolicyProfile profile,
                 NumberSettings settings, Clock clock, TransactionTemplate tx, ObjectProvider<NumberRelay> relay,
                 ObjectProvider<HumanPath> humanPaths) {
        super("number-health", 1, settings.healthInterval());
        this.humanPaths = humanPaths;
        this.relay = relay;
        this.rows = rows;
        this.numbers = numbers;
        this.ledger = ledger;
        this.admission = admission;
        this.events = events;
        this.signals = signals;
        this.feedback = feedback;
        this.profile = profile;
        this.settings = settings;
        this.quality = new QualityRatingRule(settings.quality());
        this.statusRule = new StatusRule(profile);
        this.tierUpgrade = new TierUpgradeRule(profile);
        this.restriction = new RestrictionRule(profile);
        this.clock = clock;
        this.tx = tx;
    }

    @Override
    protected int step() {
        var now = clock.instant();
        for (String id : rows.reviewsDue(now)) {
            tx.executeWithoutResult(status -> numbers.finishReview(id, now));
        }
        var byHolder = new TreeMap<String, List<String>>();
        for (PhoneNumber number : rows.withStatus(NumberStatus.WORKING)) {
            byHolder.computeIfAbsent(admission.holderOf(number), holder -> new ArrayList<>()).add(number.id());
        }
        byHolder.forEach((holder, ids) -> {
            try {
                tx.executeWithoutResult(status -> evaluate(holder, ids, false));
            } catch (RuntimeException e) {
                log.warn("Could not evaluate the health of limit holder {} (numbers {}); the others go on", holder, ids, e);
            }
        });
        tx.executeWithoutResult(status -> ledger.purgeBefore(now.minus(profile.upgradeLookBack()).minus(profile.window())));
        return 0;
    }

    /** Evaluates the number's holder now, including the upgrade check. */
    void evaluateNow(PhoneNumber number) {
        var holder = admission.holderOf(number);
        var ids = profile.perBusiness()
                ? rows.ofBusiness(number.businessId()).stream().map(PhoneNumber::id).toList()
                : List.of(number.id());
        tx.executeWithoutResult(status -> evaluate(holder, ids, true));
    }

    /** Sets the tier of the number's holder (an admin's decision, or verification). In the caller's transaction. */
    void setTier(PhoneNumber number, int tier, String reason) {
        var now = clock.instant();
        var holder = admission.lockHolder(admission.holderOf(number), number, now);
        var affected = profile.perBusiness() ? rows.ofBusiness(number.businessId()) : List.of(number);
        ledger.save(changeTier(holder, affected, tier, reason, Map.of("customers_reached_24h", holder.used()), now));
    }

    private void evaluate(String holderId, List<String> numberIds, boolean forceUpgradeCheck) {
        var now = clock.instant();
        var first = rows.find(numberIds.get(0)).orElse(null);
        if (first == null) {
            return;
        }
        var holder = admission.lockHolder(holderId, first, now);
        var working = new ArrayList<PhoneNumber>();
        for (String id : numberIds.stream().sorted().toList()) {
            rows.lock(id).filter(PhoneNumber::working).ifPresent(working::add);
        }
        for (int i = 0; i < working.size(); i++) {
            holder = assess(holder, working.get(i), now);
            working.set(i, rows.find(working.get(i).id()).orElseThrow());
        }
        if (!working.isEmpty() && !reportedByNetwork() && (forceUpgradeCheck
                || !now.isBefore(holder.upgradeCheckedAt().plus(profile.upgradeCheckEvery())))) {
            holder = checkUpgrade(holder, working, now);
        }
        ledger.save(holder);
        working.forEach(number -> numbers.forget(number.id()));
    }

    private LimitLedger.Holder assess(LimitLedger.Holder holder, PhoneNumber number, Instant now) {
        if (reportedByNetwork()) {
            if (number.status() == NumberStatus.RESTRICTED
                    && restriction.lifts(number, profile.tier(holder.tier()), holder.used())) {
                admission.lift(number, now);
            }
            return humanAgentRule(holder, number, now);
        }
        var q = settings.quality();
        var since = now.minus(q.window());
        var messages = signals.since(number.id(), since, now.minus(q.slowReply()));
        var measured = new QualitySignals(messages.reached(), feedback.customers(number.id(), "BLOCK", since),
                feedback.customers(number.id(), "REPORT", since), messages.templates(), messages.conversations(),
                messages.slowReplies());
        var rating = quality.rate(measured, number.qualityRating());
        var tierName = profile.tier(holder.tier()).name();
        boolean announced = false;
        if (rating.value() != number.qualityRating()) {
            rows.setQuality(number.id(), rating.value());
            events.record(number, new NumberHistory.Entry(now, "QUALITY", number.qualityRating().name(),
                    rating.value().name(), rating.reason(), rating.figures()));
            events.qualityChanged(number, rating.value(), rating.value().worseThan(number.qualityRating()), tierName);
            announced = true;
        }
        if (number.status() == NumberStatus.RESTRICTED) {
            if (restriction.lifts(number, profile.tier(holder.tier()), holder.used())) {
                admission.lift(number, now);
            }
            return holder;
        }
        var move = statusRule.next(number.status(), rating, number.flaggedAt(), now);
        var from = number.status();
        var to = move.applyTo(from);
        switch (move) {
            case FLAG -> {
                rows.setHealth(number.id(), to, rating.value(), now);
                events.record(number, new NumberHistory.Entry(now, "STATUS", from.name(), to.name(),
                        "quality is RED: unless it recovers within " + profile.flaggedFor().toDays()
                                + " days, the messaging limit drops one tier", rating.figures()));
                events.statusChanged(number, from, to, null);
                if (!announced) {
                    events.qualityChanged(number, rating.value(), true, tierName);
                }
            }
            case UNFLAG -> {
                rows.setHealth(number.id(), to, rating.value(), null);
                events.record(number, new NumberHistory.Entry(now, "STATUS", from.name(), to.name(),
                        "quality recovered to " + rating.value() + " within " + profile.flaggedFor().toDays()
                                + " days", rating.figures()));
                events.statusChanged(number, from, to, null);
                if (!announced) {
                    events.qualityChanged(number, rating.value(), false, tierName);
                }
            }
            case DROP_TIER -> {
                rows.setHealth(number.id(), to, rating.value(), null);
                events.record(number, new NumberHistory.Entry(now, "STATUS", from.name(), to.name(),
                        "quality stayed RED for " + profile.flaggedFor().toDays() + " days after "
                                + number.flaggedAt(), rating.figures()));
                events.statusChanged(number, from, to, null);
                holder = changeTier(holder, List.of(number), holder.tier() - 1, "quality stayed RED for "
                        + profile.flaggedFor().toDays() + " days", rating.figures(), now);
            }
            case STAY -> {
            }
        }
        return humanAgentRule(holder, rows.find(number.id()).orElseThrow(), now);
    }

    /**
     * With a {@link NumberRelay} (cloud mode) Meta rates numbers and sets their tiers
     * ({@link ReportedHealth}): the local rating and upgrade do not run; local limits still lift.
     */
    private boolean reportedByNetwork() {
        return relay.getIfAvailable() != null;
    }

    private LimitLedger.Holder humanAgentRule(LimitLedger.Holder holder, PhoneNumber number, Instant now) {
        var missingSince = number.humanAgentMissingSince();
        if (number.humanAgent() != null || missingSince == null
                || now.isBefore(missingSince.plus(settings.humanAgentGrace()))) {
            return holder;
        }
        if (humanPaths.stream().anyMatch(path -> path.offeredFor(number))) {
            rows.setHumanAgentMissingSince(number.id(), now);
            return holder;
        }
        rows.setHumanAgentMissingSince(number.id(), now);
        var figures = Map.<String, Object>of("without_human_agent_since", missingSince.toString(),
                "action", settings.humanAgentAction());
        events.record(number, new NumberHistory.Entry(now, "WARNING", null, null, "no human agent or hand-off path"
                + " has been configured for " + settings.humanAgentGrace().toDays() + " days: customers must be able"
                + " to reach a person", figures));
        if (settings.dropTierWithoutHumanAgent()) {
            return changeTier(holder, List.of(number), holder.tier() - 1, "no human agent for "
                    + settings.humanAgentGrace().toDays() + " days", figures, now);
        }
        return holder;
    }

    private LimitLedger.Holder checkUpgrade(LimitLedger.Holder holder, List<PhoneNumber> working, Instant now) {
        var checked = new LimitLedger.Holder(holder.id(), holder.tier(), holder.used(), holder.sweptUntil(), now);
        long reached = ledger.reachedSince(holder.id(), now.minus(profile.upgradeLookBack()));
        var worstQuality = QualityRating.worst(working.stream().map(PhoneNumber::qualityRating).toList());
        var status = working.stream().map(PhoneNumber::status).filter(s -> s != NumberStatus.CONNECTED).findFirst()
                .orElse(NumberStatus.CONNECTED);
        var decision = tierUpgrade.check(holder.tier(), reached, worstQuality, status);
        if (!decision.allowed()) {
            return checked;
        }
        return changeTier(checked, working, holder.tier() + 1, decision.reason(), decision.figures(), now);
    }

    /** Sets the holder's tier; every number of it gets a history entry and a webhook. */
    LimitLedger.Holder changeTier(LimitLedger.Holder holder, List<PhoneNumber> affected, int newTier, String reason,
                                  Map<String, Object> figures, Instant now) {
        int tier = Math.max(0, Math.min(newTier, profile.tiers().size() - 1));
        if (tier == holder.tier()) {
            return holder;
        }
        var from = profile.tier(holder.tier()).name();
        var to = profile.tier(tier).name();
        if (profile.perBusiness()) {
            rows.setTierOfBusiness(holder.id(), to);
        } else {
            rows.setTier(holder.id(), to);
        }
        var all = profile.perBusiness() ? rows.ofBusiness(holder.id()) : affected;
        for (PhoneNumber number : all) {
            events.record(number, new NumberHistory.Entry(now, "TIER", from, to, reason, figures));
            events.limitChanged(number, from, to, tier > holder.tier());
            numbers.forget(number.id());
        }
        if (profile.perBusiness()) {
            all.stream().map(PhoneNumber::wabaId).distinct().forEach(waba -> events.capabilityChanged(waba,
                    profile.tier(tier), profile.numbersAllowed(true)));
        }
        return new LimitLedger.Holder(holder.id(), tier, holder.used(), holder.sweptUntil(), holder.upgradeCheckedAt());
    }
}
