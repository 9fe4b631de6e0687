package io.openwaba.numbers;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The read-only health view of a number: tier, usage, quality, status, throughput, pair rate,
 * history and, in cloud mode, its link to Meta.
 */
@Component
class NumberHealthView {

    private final PolicyProfile profile;
    private final LimitLedger ledger;
    private final NumberHistory history;
    private final SendAdmission admission;
    private final NumberSettings settings;
    private final Clock clock;
    private final LimitHolderRule holders;
    private final ObjectProvider<NumberRelay> relay;

    NumberHealthView(PolicyProfile profile, LimitLedger ledger, NumberHistory history, SendAdmission admission,
                     NumberSettings settings, Clock clock, ObjectProvider<NumberRelay> relay) {
        this.profile = profile;
        this.ledger = ledger;
        this.history = history;
        this.admission = admission;
        this.settings = settings;
        this.clock = clock;
        this.holders = new LimitHolderRule(profile);
        this.relay = relay;
    }

    Map<String, Object> of(PhoneNumber number) {
        var now = clock.instant();
        var holder = admission.holderOf(number);
        var tier = profile.tier(Math.max(0, profile.indexOf(number.messagingLimitTier())));
        var cutoff = now.minus(profile.window());
        var view = new LinkedHashMap<String, Object>();
        view.put("id", number.id());
        view.put("display_phone_number", number.displayPhoneNumber());
        view.put("status", number.status().name());
        view.put("quality_rating", number.qualityRating().name());
        view.put("profile", profile.name());
        view.put("limit_holder", holders.describe(holder));
        view.put("messaging_limit_tier", tier.name());
        view.put("messaging_limit", tier.unlimited() ? null : tier.limit());
        int used = ledger.reachedSince(holder, cutoff);
        view.put("customers_reached_24h", used);
        view.put("capacity_frees_at", tier.allows(used + 1L) ? null : ledger.oldestReachSince(holder, cutoff)
                .map(oldest -> oldest.plus(profile.window()).toString()).orElse(null));
        view.put("customers_reached_7d", ledger.reachedSince(holder, now.minus(profile.upgradeLookBack())));
        view.put("next_tier_at", tier.unlimited() || profile.topTier(profile.indexOf(tier.name())) ? null
                : (long) Math.ceil(tier.limit() * profile.upgradeAt()));
        view.put("flagged_at", number.flaggedAt() == null ? null : number.flaggedAt().toString());
        view.put("flagged_until", number.flaggedAt() == null ? null
                : number.flaggedAt().plus(profile.flaggedFor()).toString());
        view.put("messages_per_second", number.messagesPerSecond());
        // One setting for every number (openwaba.numbers.pair-*), shown beside the number's other limits.
        var pairRate = new LinkedHashMap<String, Object>();
        pairRate.put("burst", settings.pairBurst());
        pairRate.put("interval", settings.pairInterval().toString());
        view.put("pair_rate_limit", pairRate);
        view.put("code_verification_status", number.codeVerificationStatus().name());
        view.put("official_business_account", number.officialStatus().name());
        view.put("human_agent", number.humanAgent());
        relay.ifAvailable(links -> view.put("cloud_link", links.linkOf(number.id()).map(NumberHealthView::link)
                .orElseGet(() -> Map.of("status", "NOT_LINKED"))));
        view.put("history", history.of(number.id(), 200).stream().map(NumberHealthView::entry).toList());
        return view;
    }

    private static Map<String, Object> link(NumberRelay.Link link) {
        var out = new LinkedHashMap<String, Object>();
        out.put("status", link.status());
        out.put("since", link.since().toString());
        out.put("reason", link.reason());
        return out;
    }

    private static Map<String, Object> entry(NumberHistory.Entry entry) {
        var out = new LinkedHashMap<String, Object>();
        out.put("at", entry.at().toString());
        out.put("kind", entry.kind());
        out.put("from", entry.from());
        out.put("to", entry.to());
        out.put("reason", entry.reason());
        out.put("figures", entry.figures());
        return out;
    }

}
