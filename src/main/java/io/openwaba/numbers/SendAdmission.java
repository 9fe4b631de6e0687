package io.openwaba.numbers;

import io.openwaba.graph.GraphException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Whether a number may send now (POLICY.md section 1): its status, the pair rate per customer,
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

    SendAdmission(PolicyProfile profile, LimitLedger ledger, PhoneNumbers numbers, PhoneNumberRows rows,
                  NumberEvents events, NumberSettings settings) {
        this.profile = profile;
        this.ledger = ledger;
        this.numbers = numbers;
        this.rows = rows;
        this.events = events;
        this.pairs = new PairRateLimit(settings.pairBurst(), settings.pairInterval());
    }

    /** One send for {@link #admit}: {@code countsTowardLimit} when it starts a business-initiated conversation. */
    public record Send(String phoneNumberId, String waId, boolean countsTowardLimit) {
    }

    /** Refuses a send before it is queued: the number does not work, or the customer gets too many messages. */
    public void checkBeforeQueue(PhoneNumber number, String waId, Instant now) {
        if (!number.working()) {
            throw GraphException.whatsapp(HttpStatus.BAD_REQUEST, 133010, "Phone number not registered",
                    "The phone number " + number.displayPhoneNumber() + " cannot send: its status is "
                            + number.status() + (number.status().equals("PENDING")
                            ? " (awaiting review)." : "."));
        }
        if (!pairs.take(number.id(), waId, now)) {
            throw GraphException.whatsapp(HttpStatus.BAD_REQUEST, 131056,
                    "(Business Account, Consumer Account) pair rate limit hit",
                    "Too many messages sent from this phone number to the same customer in a short period."
                            + " Wait and retry (back off 4^n seconds).");
        }
    }

    /**
     * Decides a batch of sends in the caller's transaction, in order; returns, per send, null when
     * admitted or the error that refuses it (130429 over the number's throughput, 131048 over the
     * messaging limit). Locks are taken in one global order (holders, then numbers) to avoid deadlocks.
     */
    public List<GraphException> admit(List<Send> sends, Instant now) {
        var refusals = Arrays.asList(new GraphException[sends.size()]);
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
        admitThroughput(sends, numbersById, now, refusals);
        for (var holder : holders) {
            admitReach(holder, sends, numbersById, now, refusals);
        }
        return refusals;
    }

    String holderOf(PhoneNumber number) {
        return profile.perBusiness() ? number.businessId() : number.id();
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
                                 List<GraphException> refusals) {
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
                refusals.set(i, GraphException.whatsapp(HttpStatus.BAD_REQUEST, 130429, "Rate limit hit",
                        "Cloud API message throughput has been reached: this phone number sends at most "
                                + numbersById.get(id).messagesPerSecond() + " messages per second."));
            }
        }
    }

    private void admitReach(LimitLedger.Holder holder, List<Send> sends, Map<String, PhoneNumber> numbersById,
                            Instant now, List<GraphException> refusals) {
        var mine = new ArrayList<Integer>();
        var waIds = new LinkedHashSet<String>();
        for (int i = 0; i < sends.size(); i++) {
            var send = sends.get(i);
            if (send.countsTowardLimit() && refusals.get(i) == null
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
            if (number.status().equals("RESTRICTED") && tier.allows(used + 1L)) {
                lift(number, now);
                statuses.put(number.id(), rows.find(number.id()).orElseThrow());
            }
        }
        for (int i : mine) {
            var send = sends.get(i);
            var number = statuses.get(send.phoneNumberId());
            var last = lastReached.get(send.waId());
            // Reached earlier in this batch, or within the window before it: already counted.
            boolean counted = fresh.contains(send.waId()) || known.contains(send.waId())
                    || (last != null && last.isAfter(cutoff));
            if (!number.status().equals("RESTRICTED") && (counted || tier.allows(used + 1L))) {
                if (!counted) {
                    used++;
                }
                (last == null ? fresh : known).add(send.waId());
                continue;
            }
            var frees = ledger.oldestReachSince(holder.id(), cutoff).map(oldest -> oldest.plus(profile.window()))
                    .orElse(now);
            refusals.set(i, limitReached(tier, used, frees));
            if (profile.flagging() && number.qualityRating().equals("RED") && !number.status().equals("RESTRICTED")) {
                restrict(number, tier, used, frees, now);
                statuses.put(number.id(), rows.find(number.id()).orElseThrow());
            }
        }
        ledger.reached(holder.id(), known, fresh, now);
        ledger.save(holder.withUsed(used));
    }

    static GraphException limitReached(Tier tier, long used, Instant frees) {
        return GraphException.whatsapp(HttpStatus.BAD_REQUEST, 131048, "Spam rate limit hit",
                "Messaging limit " + tier.name() + " reached: " + used + " of " + tier.limit()
                        + " unique customers in the rolling 24 hours were reached by business-initiated"
                        + " conversations. Capacity frees at " + frees + ".");
    }

    private void restrict(PhoneNumber number, Tier tier, int used, Instant frees, Instant now) {
        rows.setColumn(number.id(), "status", "RESTRICTED");
        var figures = new LinkedHashMap<String, Object>();
        figures.put("tier", tier.name());
        figures.put("customers_reached_24h", used);
        figures.put("quality_rating", number.qualityRating());
        figures.put("capacity_frees_at", frees.toString());
        events.record(number, new NumberHistory.Entry(now, "STATUS", number.status(), "RESTRICTED",
                "the messaging limit is exhausted while quality is RED: no business-initiated message until "
                        + frees, figures));
        events.restriction(number, frees);
        numbers.forget(number.id());
    }

    /** Lifts a restriction: the window freed capacity. The number is FLAGGED again if it was, else CONNECTED. */
    void lift(PhoneNumber number, Instant now) {
        var to = number.flaggedAt() != null ? "FLAGGED" : "CONNECTED";
        rows.setColumn(number.id(), "status", to);
        events.record(number, new NumberHistory.Entry(now, "STATUS", "RESTRICTED", to,
                "the rolling 24-hour window freed capacity", Map.of()));
        events.restriction(number, null);
        numbers.forget(number.id());
    }
}
