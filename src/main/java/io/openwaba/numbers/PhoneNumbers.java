package io.openwaba.numbers;

import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.shared.Decision;
import io.openwaba.shared.NodeIds;
import io.openwaba.shared.AfterCommit;
import io.openwaba.shared.ShortLivedCache;
import io.openwaba.tenancy.Business;
import io.openwaba.tenancy.Tenancy;
import io.openwaba.tenancy.Waba;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers business phone numbers and answers who owns one. */
@Service
public class PhoneNumbers {

    private final PhoneNumberRows rows;
    private final Tenancy tenancy;
    private final Clock clock;
    private final PolicyProfile profile;
    private final NumberSettings settings;
    private final LimitLedger ledger;
    private final NumberEvents events;
    private final FeedbackRows feedback;
    private final NumberAllowanceRule allowance;
    private final ShortLivedCache<String, Optional<PhoneNumber>> recent =
            new ShortLivedCache<>(Duration.ofSeconds(1), 10_000);

    PhoneNumbers(PhoneNumberRows rows, Tenancy tenancy, Clock clock, PolicyProfile profile, NumberSettings settings,
                 LimitLedger ledger, NumberEvents events, FeedbackRows feedback) {
        this.rows = rows;
        this.tenancy = tenancy;
        this.clock = clock;
        this.profile = profile;
        this.settings = settings;
        this.ledger = ledger;
        this.events = events;
        this.feedback = feedback;
        this.allowance = new NumberAllowanceRule(profile);
    }

    /**
     * An admin registers a number for a business: CONNECTED at once, at the tier its business's
     * verification gives (the first tier unverified, the second verified), within the number allowance.
     */
    @Transactional
    public PhoneNumber register(String wabaId, String phoneNumber, String verifiedName) {
        return add(wabaId, phoneNumber, verifiedName, NumberStatus.CONNECTED, CodeVerificationStatus.VERIFIED);
    }

    /**
     * {@code POST /{waba-id}/phone_numbers}: the number is added unverified; it sends once its code
     * is verified, it is registered and its review is over.
     */
    @Transactional
    public PhoneNumber addUnverified(String wabaId, String phoneNumber, String verifiedName) {
        return add(wabaId, phoneNumber, verifiedName, NumberStatus.UNVERIFIED, CodeVerificationStatus.NOT_VERIFIED);
    }

    private PhoneNumber add(String wabaId, String phoneNumber, String verifiedName, NumberStatus status,
                            CodeVerificationStatus codeStatus) {
        var waba = tenancy.waba(wabaId).orElseThrow(() -> ApiProblem.notFound("WABA", wabaId));
        var business = tenancy.business(waba.businessId()).orElseThrow();
        var waId = WaId.parse(phoneNumber, null).orElseThrow(() -> ApiProblem.badRequest(
                "phone_number is not a valid international phone number: " + phoneNumber));
        if (verifiedName == null || verifiedName.isBlank() || verifiedName.length() > 200) {
            throw ApiProblem.badRequest("verified_name is required and at most 200 characters long");
        }
        if (rows.existsWithWaId(waId.digits())) {
            throw ApiProblem.conflict("phone number " + waId.display() + " is already registered");
        }
        checkAllowance(waba, business);
        var now = clock.instant();
        var id = NodeIds.next();
        var holderId = profile.perBusiness() ? business.id() : id;
        ledger.create(holderId, profile.startTier(business.verified()), now);
        var tier = ledger.lock(holderId, profile.window(), now).orElseThrow().tier();
        var number = new PhoneNumber(id, waba.id(), waba.businessId(), waId, waId.display(), verifiedName.trim(),
                status, profile.tier(tier).name(), QualityRating.GREEN, now, codeStatus, null, null,
                settings.messagesPerSecond(), OfficialStatus.NONE, null, now);
        rows.insert(number);
        events.record(number, new NumberHistory.Entry(now, "REGISTRATION", null, status.name(), "added to WABA "
                + waba.id() + (business.verified() ? " of a verified business" : " of an unverified business"),
                Map.of("tier", profile.tier(tier).name(), "profile", profile.name())));
        return number;
    }

    /** Refuses one number more than the WABA (under meta-2025: the business) may hold. */
    void checkAllowance(Waba waba, Business business) {
        var decision = profile.perBusiness()
                ? allowance.check("business " + business.id(), rows.statusesInBusiness(business.id()),
                        business.verified())
                : allowance.check("WABA " + waba.id(), rows.statusesInWaba(waba.id()), business.verified());
        if (decision instanceof Decision.Refused refused) {
            throw ApiProblem.conflict(refused.reason());
        }
    }

    /** Ends the review of a PENDING number: CONNECTED, or OFFLINE when its display name breaks the naming rules. */
    @Transactional
    public void finishReview(String id, Instant now) {
        var number = rows.lock(id).filter(n -> n.status() == NumberStatus.PENDING).orElse(null);
        if (number == null) {
            return;
        }
        var review = DisplayNameRule.review(number.verifiedName());
        var to = number.status().moveTo(review.allowed() ? NumberStatus.CONNECTED : NumberStatus.OFFLINE);
        rows.setStatus(id, to);
        rows.setHumanAgentMissingSince(id, now);
        events.record(number, new NumberHistory.Entry(now, "STATUS", number.status().name(), to.name(),
                review.reason(), review.figures()));
        events.statusChanged(number, number.status(), to, null);
        forget(id);
    }

    /**
     * The number by id. Every send reads it, so it is cached for a second: a change (status,
     * tier) reaches every node within that second.
     */
    public Optional<PhoneNumber> find(String id) {
        return recent.get(id, rows::find);
    }

    public Optional<PhoneNumber> find(Caller caller, String id) {
        return find(id).filter(number -> caller.owns(number.businessId()));
    }

    public List<PhoneNumber> ofWaba(String wabaId) {
        return rows.ofWaba(wabaId);
    }

    /** A customer blocked the number ({@code BLOCK}) or reported it as spam ({@code REPORT}): a quality signal. */
    public void customerFeedback(String phoneNumberId, String waId, String kind) {
        feedback.add(phoneNumberId, waId, kind, clock.instant());
    }

    /**
     * Drops the cached number now and again once the change commits: a reader between the two
     * (a send, a status report) would otherwise cache the old row for another second.
     */
    void forget(String id) {
        recent.remove(id);
        AfterCommit.run(() -> recent.remove(id));
    }
}
