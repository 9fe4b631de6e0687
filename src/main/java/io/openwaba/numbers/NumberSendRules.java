package io.openwaba.numbers;

import io.openwaba.shared.Decision;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The rules a business number's sends pass, each answering a {@link Decision} with Meta's code:
 * the number's status (133010), the pair rate (131056), the throughput (130429) and the
 * messaging limit (131048). Plain Java: the shells fetch the figures and act on the answer.
 */
public final class NumberSendRules {

    public static final String NUMBER_STATUS = "number-status";
    public static final String PAIR_RATE = "pair-rate";
    public static final String THROUGHPUT = "throughput";
    public static final String MESSAGING_LIMIT = "messaging-limit";

    private NumberSendRules() {
    }

    /** Only a CONNECTED, FLAGGED or RESTRICTED number sends; RESTRICTED ones still send inside windows. */
    public static Decision status(PhoneNumber number) {
        if (number.working()) {
            return Decision.allow();
        }
        return Decision.refuse(NUMBER_STATUS, 133010, "Phone number not registered", "The phone number "
                + number.displayPhoneNumber() + " cannot send: its status is " + number.status()
                + (number.status() == NumberStatus.PENDING ? " (awaiting review)." : "."),
                Map.of("status", number.status().name()));
    }

    static Decision.Refused pairRate(int burst, java.time.Duration interval) {
        return Decision.refuse(PAIR_RATE, 131056, "(Business Account, Consumer Account) pair rate limit hit",
                "Too many messages sent from this phone number to the same customer in a short period."
                        + " Wait and retry (back off 4^n seconds).",
                Map.of("burst", burst, "interval_seconds", interval.toSeconds()));
    }

    /** How many of {@code wanted} sends fit in this second, after {@code sentThisSecond} went out. */
    static int throughputGrant(int sentThisSecond, int wanted, int perSecond) {
        return Math.max(0, Math.min(wanted, perSecond - sentThisSecond));
    }

    static Decision.Refused throughput(int perSecond) {
        return Decision.refuse(THROUGHPUT, 130429, "Rate limit hit",
                "Cloud API message throughput has been reached: this phone number sends at most "
                        + perSecond + " messages per second.", Map.of("messages_per_second", perSecond));
    }

    /**
     * The messaging limit for one send that starts a business-initiated conversation: a customer
     * already reached in the rolling window costs nothing; a new one needs room under the tier;
     * a RESTRICTED number starts none. When capacity frees is asked only for a refusal.
     */
    static Decision messagingLimit(Tier tier, long used, boolean alreadyCounted, NumberStatus status,
                                   Supplier<Instant> capacityFreesAt) {
        if (status != NumberStatus.RESTRICTED && (alreadyCounted || tier.allows(used + 1L))) {
            return Decision.allow();
        }
        return limitReached(tier, used, capacityFreesAt.get());
    }

    /**
     * The messaging limit in a check before sending, which takes nothing: a new customer needs
     * {@code headroom} left (what the tier admits minus the recipients before this one); a RESTRICTED
     * number starts no business-initiated conversation.
     */
    public static Decision messagingLimitBeforeSending(LimitStanding limit, long headroom) {
        if (!limit.restricted() && headroom > 0) {
            return Decision.allow();
        }
        var figures = new LinkedHashMap<String, Object>();
        figures.put("tier", limit.tier().name());
        figures.put("limit", limit.tier().limit());
        figures.put("customers_reached_24h", limit.used());
        figures.put("capacity_frees_at", limit.capacityFreesAt().toString());
        var reason = limit.restricted()
                ? "The number is RESTRICTED: no business-initiated conversation until " + limit.capacityFreesAt() + "."
                : "Messaging limit " + limit.tier().name() + " reached: the tier admits " + limit.tier().limit()
                        + " unique customers in the rolling 24 hours and " + limit.used() + " are reached, with the"
                        + " recipients before this one. Capacity frees at " + limit.capacityFreesAt() + ".";
        return Decision.refuse(MESSAGING_LIMIT, 131048, "Spam rate limit hit", reason, figures);
    }

    static Decision.Refused limitReached(Tier tier, long used, Instant frees) {
        var figures = new LinkedHashMap<String, Object>();
        figures.put("tier", tier.name());
        figures.put("limit", tier.limit());
        figures.put("customers_reached_24h", used);
        figures.put("capacity_frees_at", frees.toString());
        return Decision.refuse(MESSAGING_LIMIT, 131048, "Spam rate limit hit",
                "Messaging limit " + tier.name() + " reached: " + used + " of " + tier.limit()
                        + " unique customers in the rolling 24 hours were reached by business-initiated"
                        + " conversations. Capacity frees at " + frees + ".", figures);
    }
}
