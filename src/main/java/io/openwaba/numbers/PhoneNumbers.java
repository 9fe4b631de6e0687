package io.openwaba.numbers;

import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.shared.NodeIds;
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
    }

    /**
     * An admin registers a number for a business: CONNECTED at once, at the tier its business's
     * verification gives (POLICY.md section 1), within the number allowance.
     */
    @Transactional
    public PhoneNumber register(String wabaId, String phoneNumber, String verifiedName) {
        return add(wabaId, phoneNumber, verifiedName, "CONNECTED", "VERIFIED");
    }

    /**
     * {@code POST /{waba-id}/phone_numbers}: the number is added unverified; it sends once its code
     * is verified, it is registered and its review is over.
     */
    @Transactional
    public PhoneNumber addUnverified(String wabaId, String phoneNumber, String verifiedName) {
        return add(wabaId, phoneNumber, verifiedName, "UNVERIFIED", "NOT_VERIFIED");
    }

    private PhoneNumber add(String wabaId, String phoneNumber, String verifiedName, String status, String codeStatus) {
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
                status, profile.tier(tier).name(), "GREEN", now, codeStatus, null, null, settings.messagesPerSecond(),
                "NONE", null, now);
        rows.insert(number);
        events.record(number, new NumberHistory.Entry(now, "REGISTRATION", null, status, "added to WABA "
                + waba.id() + (business.verified() ? " of a verified business" : " of an unverified business"),
                Map.of("tier", profile.tier(tier).name(), "profile", profile.name())));
        return number;
    }

    /** A WABA (or, under meta-2025, a business) holds as many numbers as its business's verification allows. */
    void checkAllowance(Waba waba, Business business) {
        int allowed = profile.numbersAllowed(business.verified());
        int present = profile.perBusiness() ? rows.countActive("business_id", business.id())
                : rows.countActive("waba_id", waba.id());
        if (present >= allowed) {
            throw ApiProblem.conflict((profile.perBusiness() ? "business " + business.id() : "WABA " + waba.id())
                    + " already has " + present + " phone numbers, the most "
                    + (business.verified() ? "a verified" : "an unverified") + " business may have (" + allowed
                    + ")" + (business.verified() ? "" : "; verify the business to add more"));
        }
    }

    /** Ends the review of a PENDING number: CONNECTED, or OFFLINE when its display name breaks the naming rules. */
    @Transactional
    public void finishReview(String id, Instant now) {
        var number = rows.lock(id).filter(n -> n.status().equals("PENDING")).orElse(null);
        if (number == null) {
            return;
        }
        var problem = DisplayNameRule.problem(number.verifiedName());
        var to = problem.isEmpty() ? "CONNECTED" : "OFFLINE";
        rows.setColumn(id, "status", to);
        rows.setColumn(id, "human_agent_missing_since", now);
        events.record(number, new NumberHistory.Entry(now, "STATUS", "PENDING", to, problem.orElse(
                "the review against the commerce policy found nothing"), Map.of("verified_name", number.verifiedName())));
        events.statusChanged(number, "PENDING", to, null);
        forget(id);
    }

    /**
     * The number by id. Every send reads it, so it is cached for a second: a change (status,
     * tier) reaches every node within that second.
     */
    public Optional<PhoneNumber> find(String id) {
        var cached = recent.get(id);
        if (cached.isPresent()) {
            return cached.get();
        }
        var number = rows.find(id);
        recent.put(id, number);
        return number;
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

    void forget(String id) {
        recent.remove(id);
    }
}
