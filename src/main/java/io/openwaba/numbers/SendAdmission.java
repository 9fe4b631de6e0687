package io.openwaba.numbers;

import io.openwaba.shared.Decision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Service;

/**
 * Whether a number may send now: its status, the pair rate per customer,
 * its throughput per second and its messaging limit. The last two are decided for a whole batch
 * of sends inside the transaction that stores them, under row locks, so they hold exactly on
 * every node sharing the database.
 */
@Service
public class SendAdmission {

    private final PolicyProfile profile;
    private final LimitLedger ledger;
    private final PhoneNumbers numbers;
    private final PhoneNumberRows rows;
    private final NumberEvents events;
    private final PairRateLimit pairs;
    private final Decision.Refused pairRateRefusal;
    private final LimitHolderRule holders;
    private final RestrictionRule restriction;

    SendAdmission(PolicyProfile profile, LimitLedger ledger, PhoneNumbers numbers, PhoneNumberRows rows,
                  NumberEvents events, NumberSettings settings) {
        this.profile = profile;
        this.ledger = ledger;
        this.numbers = numbers;
        this.rows = rows;
        this.events = events;
        this.pairs = new PairRateLimit(settings.pairBurst(), settings.pairInterval());
        this.pairRateRefusal = NumberSendRules.pairRate(settings.pairBurst(), settings.pairInterval());
        this.holders = new LimitHolderRule(profile);
        this.restriction = new RestrictionRule(profile);
    }

    /** One send for {@link #admit}: {@code countsTowardLimit} when it starts a business-initiated conversation. */
    public record Send(String phoneNumberId, String waId, boolean countsTowardLimit) {
    }

    /**
     * Decides a send before it is queued: the number must work and the customer must be within the
     * pair rate, whose allowance this takes.
     */
    public Decision checkBeforeQueue(PhoneNumber number, String waId, Instant now) {
        var status = NumberSendRules.status(number);
        if (!status.allowed()) {
            return status;
        }
        return pairs.take(number.id(), waId, now) ? Decision.allow() : pairRateRefusal;
    }

    /** The same decision as {@link #checkBeforeQueue} without taking anything: for a check before sending. */
    public Decision wouldPass(PhoneNumber number, String waId, Instant now) {
        var status = NumberSendRules.status(number);
        if (!status.allowed()) {
            return status;
        }
        return pairs.wouldTake(number.id(), waId, now) ? Decision.allow() : pairRateRefusal;
    }

    /**
     * Decides a batch of sends in the caller's transaction, in order; answers, per send, whether it
     * is admitted or the refusal (130429 over the number's throughput, 131048 over the messaging
     * limit). Locks are taken in one global order (holders, then numbers) to avoid deadlocks.
     */
    public List<Decision> admit(List<Send> sends, Instant now) {
        var decisions = new ArrayList<Decision>(Collections.nCopies(sends.size(), Decision.allow()));
        var numbersById = new HashMap<String, PhoneNumber>();
        for (Send send : sends) {
            numbersById.computeIfAbsent(send.phoneNumberId(), id -> numbers.find(id).orElseThrow());
        }
        var numberOfHolder = new TreeMap<String, PhoneNumber>();
        for (Send send : sends) {
            if (send.countsTowardLimit()) {
                var number = numbersById.get(send.phoneNumberId());
                numberOfHolder.putIfAbsent(holderOf(number), number);
            }
        }
        var holders = new ArrayList<LimitLedger.Holder>();
        numberOfHolder.forEach((holder, number) -> holders.add(lockHolder(holder, number, now)));
        admitThroughput(sends, numbersById, now, decisions);
        for (var holder : holders) {
            admitReach(holder, sends, numbersById, now, decisions);
        }
        return decisions;
    }

    /**
     * The messaging limit as it stands for these customers, read without locking or writing: the
     * holder's tier, how many customers it reached in the window, which of these were among them
     * and when capacity frees. A few queries, whatever the number of customers.
     */
    public LimitStanding standing(PhoneNumber number, Collection<String> waIds, Instant now) {
        var holderId = holderOf(number);
        var cutoff = now.minus(profile.window());
        var holder = ledger.read(holderId, profile.window(), now);
        int tierIndex = holder.map(LimitLedger.Holder::tier).orElseGet(() -> {
            int shown = profile.indexOf(number.messagingLimitTier());
            return shown < 0 ? profile.unverifiedTier() : shown;
        });
        int used = holder.map(LimitLedger.Holder::used).orElse(0);
        var reached = new HashSet<String>();
        ledger.lastReached(holderId, waIds).forEach((waId, at) -> {
            if (at.isAfter(cutoff)) {
                reached.add(waId);
            }
        });
        var frees = ledger.oldestReachSince(holderId, cutoff).map(oldest -> oldest.plus(profile.window())).orElse(now);
        return new LimitStanding(profile.tier(tierIndex), used, reached, frees, number.status() == NumberStatus.RESTRICTED,
                number.messagesPerSecond());
    }

    String holderOf(PhoneNumber number) {
        return holders.holderOf(number);
    }

    /** Locks the holder's row, creating it at the tier the number shows if it has none yet. */
    LimitLedger.Holder lockHolder(String holderId, PhoneNumber number, Instant now) {
        return ledger.lock(holderId, profile.window(), now).orElseGet(() -> {
            int tier = profile.indexOf(number.messagingLimitTier());
            ledger.create(holderId, tier < 0 ? profile.unverifiedTier() : tier, now);
            return ledger.lock(holderId, profile.window(), now).orElseThrow();
        });
    }

    private void admitThroughput(List<Send> sends, Map<String, PhoneNumber> numbersById, Instant now,
                                 List<Decision> refusals) {
        var wanted = new TreeMap<String, Integer>();
        sends.forEach(send -> wanted.merge(send.phoneNumberId(), 1, Integer::sum));
        var granted = new HashMap<String, Integer>();
        wanted.forEach((id, count) -> granted.put(id, ledger.takeThroughput(id, now.getEpochSecond(), count,
                numbersById.get(id).messagesPerSecond())));
        for (int i = 0; i < sends.size(); i++) {
            var id = sends.get(i).phoneNumberId();
            int left = granted.get(id);
            if (left > 0) {
                granted.put(id, left - 1);
            } else {
                refusals.set(i, NumberSendRules.throughput(numbersById.get(id).messagesPerSecond()));
            }
        }
    }

    private void admitReach(LimitLedger.Holder holder, List<Send> sends, Map<String, PhoneNumber> numbersById,
                            Instant now, List<Decision> refusals) {
        var mine = new ArrayList<Integer>();
        var waIds = new LinkedHashSet<String>();
        for (int i = 0; i < sends.size(); i++) {
            var send = sends.get(i);
            if (send.countsTowardLimit() && refusals.get(i).allowed()
                    && holderOf(numbersById.get(send.phoneNumberId())).equals(holder.id())) {
                mine.add(i);
                waIds.add(send.waId());
            }
        }
        if (mine.isEmpty()) {
            ledger.save(holder);
            return;
        }
        var tier = profile.tier(holder.tier());
        var cutoff = now.minus(profile.window());
        var statuses = new HashMap<String, PhoneNumber>();
        mine.forEach(i -> statuses.computeIfAbsent(sends.get(i).phoneNumberId(), id -> rows.find(id).orElseThrow()));
        var lastReached = ledger.lastReached(holder.id(), waIds);
        var known = new HashSet<String>();
        var fresh = new LinkedHashSet<String>();
        int used = holder.used();
        for (var number : statuses.values()) {
            if (restriction.lifts(number, tier, used)) {
                lift(number, now);
                statuses.put(number.id(), rows.find(number.id()).orElseThrow());
            }
        }
        var freesAt = new Instant[1];
        Supplier<Instant> frees = () -> freesAt[0] != null ? freesAt[0] : (freesAt[0] = frees(holder, cutoff, now));
        for (int i : mine) {
            var send = sends.get(i);
            var number = statuses.get(send.phoneNumberId());
            var last = lastReached.get(send.waId());
            // Reached earlier in this batch, or within the window before it: already counted.
            boolean counted = fresh.contains(send.waId()) || known.contains(send.waId())
                    || (last != null && last.isAfter(cutoff));
            var decision = NumberSendRules.messagingLimit(tier, used, counted, number.status(), frees);
            if (decision.allowed()) {
                if (!counted) {
                    used++;
                }
                (last == null ? fresh : known).add(send.waId());
                continue;
            }
            refusals.set(i, decision);
            if (restriction.restricts(number)) {
                restrict(number, tier, used, frees.get(), now);
                statuses.put(number.id(), rows.find(number.id()).orElseThrow());
            }
        }
        ledger.reached(holder.id(), known, fresh, now);
        ledger.save(holder.withUsed(used));
    }

    /** When capacity frees: the oldest reach still in the window leaves it (read only when a send needs it). */
    private Instant frees(LimitLedger.Holder holder, Instant cutoff, Instant now) {
        return ledger.oldestReachSince(holder.id(), cutoff).map(oldest -> oldest.plus(profile.window())).orElse(now);
    }

    private void restrict(PhoneNumber number, Tier tier, int used, Instant frees, Instant now) {
        var to = number.status().moveTo(NumberStatus.RESTRICTED);
        rows.setStatus(number.id(), to);
        var figures = new LinkedHashMap<String, Object>();
        figures.put("tier", tier.name());
        figures.put("customers_reached_24h", used);
        figures.put("quality_rating", number.qualityRating().name());
        figures.put("capacity_frees_at", frees.toString());
        events.record(number, new NumberHistory.Entry(now, "STATUS", number.status().name(), to.name(),
                "the messaging limit is exhausted while quality is RED: no business-initiated message until "
                        + frees, figures));
        events.statusChanged(number, number.status(), to, frees);
        numbers.forget(number.id());
    }

    /** Lifts a restriction: the window freed capacity. The number is FLAGGED again if it was, else CONNECTED. */
    void lift(PhoneNumber number, Instant now) {
        var to = NumberStatus.afterRestriction(number.flaggedAt() != null);
        rows.setStatus(number.id(), to);
        events.record(number, new NumberHistory.Entry(now, "STATUS", number.status().name(), to.name(),
                "the rolling 24-hour window freed capacity", Map.of()));
        events.statusChanged(number, number.status(), to, null);
        numbers.forget(number.id());
    }
}
