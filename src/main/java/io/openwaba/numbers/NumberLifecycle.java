package io.openwaba.numbers;

import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Secrets;
import io.openwaba.tenancy.BusinessVerified;
import io.openwaba.tenancy.Tenancy;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A number's life after it is added: code verification, registration and review, throughput and
 * tier set by an admin, the human agent, the official business account, migration to another WABA
 * and deregistration. Refusals are {@link ApiProblem}s; the Graph surface translates them.
 */
@Service
public class NumberLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NumberLifecycle.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MAX_CODE_ATTEMPTS = 5;

    private final PhoneNumberRows rows;
    private final PhoneNumbers numbers;
    private final NumberEvents events;
    private final NumberHistory history;
    private final FeedbackRows feedback;
    private final LimitLedger ledger;
    private final SendAdmission admission;
    private final NumberHealth health;
    private final PolicyProfile profile;
    private final NumberSettings settings;
    private final Tenancy tenancy;
    private final Clock clock;

    NumberLifecycle(PhoneNumberRows rows, PhoneNumbers numbers, NumberEvents events, NumberHistory history,
                    FeedbackRows feedback, LimitLedger ledger, SendAdmission admission, NumberHealth health,
                    PolicyProfile profile, NumberSettings settings, Tenancy tenancy, Clock clock) {
        this.rows = rows;
        this.numbers = numbers;
        this.events = events;
        this.history = history;
        this.feedback = feedback;
        this.ledger = ledger;
        this.admission = admission;
        this.health = health;
        this.profile = profile;
        this.settings = settings;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /** Sends a verification code; the sandbox has no SMS, so the code is written to the log. */
    @Transactional
    public void requestCode(PhoneNumber number, String method) {
        var how = method == null ? "SMS" : method.trim().toUpperCase(Locale.ROOT);
        if (!how.equals("SMS") && !how.equals("VOICE")) {
            throw ApiProblem.badRequest("code_method must be SMS or VOICE, not " + method);
        }
        var code = String.format("%06d", RANDOM.nextInt(1_000_000));
        rows.newCode(number.id(), Secrets.sha256Hex(number.id() + ":" + code),
                clock.instant().plus(settings.verificationCodeTtl()));
        log.info("Sandbox verification code for {} ({} to phone number id {}): {}", number.displayPhoneNumber(), how,
                number.id(), code);
    }

    /** A refusal keeps what it recorded (the wrong attempt, the expiry): nothing else is written before one. */
    @Transactional(noRollbackFor = ApiProblem.class)
    public void verifyCode(PhoneNumber number, String code) {
        var stored = rows.lock(number.id()).orElseThrow();
        var hash = rows.codeHash(number.id());
        if (hash == null || code == null || !code.trim().matches("\\d{6}")) {
            throw ApiProblem.badRequest(hash == null ? "request a code first (request_code)"
                    : "code must be the 6 digits that were sent");
        }
        if (clock.instant().isAfter(rows.codeExpiry(number.id()))) {
            rows.setCodeStatus(number.id(), CodeVerificationStatus.EXPIRED);
            numbers.forget(number.id());
            throw ApiProblem.badRequest("the code expired; request a new one");
        }
        if (!hash.equals(Secrets.sha256Hex(number.id() + ":" + code.trim()))) {
            int attempts = rows.countWrongCode(number.id());
            if (attempts >= MAX_CODE_ATTEMPTS) {
                rows.voidCode(number.id());
                throw ApiProblem.badRequest("the code does not match; after " + MAX_CODE_ATTEMPTS
                        + " wrong codes it is void: request a new one");
            }
            throw ApiProblem.badRequest("the code does not match the one that was sent ("
                    + (MAX_CODE_ATTEMPTS - attempts) + " attempts left)");
        }
        rows.setCodeStatus(number.id(), CodeVerificationStatus.VERIFIED);
        rows.voidCode(number.id());
        events.record(stored, new NumberHistory.Entry(clock.instant(), "REGISTRATION",
                stored.codeVerificationStatus().name(), CodeVerificationStatus.VERIFIED.name(),
                "the verification code was confirmed", Map.of()));
        numbers.forget(number.id());
    }

    /** Registers a verified number for the API: PENDING until the review, which takes {@code review-delay}. */
    @Transactional
    public void register(PhoneNumber number, String pin) {
        if (pin == null || !pin.matches("\\d{6}")) {
            throw ApiProblem.badRequest("pin must be 6 digits");
        }
        var current = rows.lock(number.id()).orElseThrow();
        if (current.codeVerificationStatus() != CodeVerificationStatus.VERIFIED) {
            throw ApiProblem.badRequest("the number's code is not verified: request_code, then verify_code");
        }
        rows.setPin(number.id(), Secrets.sha256Hex(number.id() + ":" + pin));
        if (!current.status().canMoveTo(NumberStatus.PENDING)) {
            return;
        }
        if (current.status() == NumberStatus.OFFLINE) {
            var waba = tenancy.waba(current.wabaId()).orElseThrow();
            numbers.checkAllowance(waba, tenancy.business(waba.businessId()).orElseThrow());
        }
        var now = clock.instant();
        var to = current.status().moveTo(NumberStatus.PENDING);
        rows.setStatus(number.id(), to);
        rows.setReviewDue(number.id(), now.plus(settings.reviewDelay()));
        events.record(current, new NumberHistory.Entry(now, "STATUS", current.status().name(), to.name(),
                "registered; the review against the commerce policy ends by " + now.plus(settings.reviewDelay()),
                Map.of()));
        events.statusChanged(current, current.status(), to, null);
        numbers.forget(number.id());
    }

    /**
     * Deregisters a number: it goes OFFLINE and its history, feedback and messaging-limit record are
     * deleted. {@code confirm} must repeat the number's digits: nothing of this can be undone.
     */
    @Transactional
    public void deregister(PhoneNumber number, String confirm) {
        if (confirm == null || !confirm.replaceAll("[^0-9]", "").equals(number.waId().digits())) {
            throw ApiProblem.badRequest("deregistering " + number.displayPhoneNumber() + " deletes its whole history"
                    + " (quality rating, messaging limit, status changes) and cannot be undone; to go ahead, repeat"
                    + " the request with confirm=" + number.waId().digits());
        }
        // Holder before number, the order every transaction takes these locks in.
        admission.lockHolder(admission.holderOf(number), number, clock.instant());
        var current = rows.lock(number.id()).orElseThrow();
        history.deleteOf(number.id());
        feedback.deleteOf(number.id());
        if (!profile.perBusiness()) {
            ledger.deleteHolder(number.id());
        }
        rows.setHealth(number.id(), current.status().moveTo(NumberStatus.OFFLINE), QualityRating.GREEN, null);
        rows.setCodeStatus(number.id(), CodeVerificationStatus.NOT_VERIFIED);
        rows.setPin(number.id(), null);
        rows.setOfficialStatus(number.id(), current.officialStatus().moveTo(OfficialStatus.NONE));
        rows.setTier(number.id(), profile.tier(profile.startTier(
                tenancy.business(current.businessId()).orElseThrow().verified())).name());
        events.deregistered(current);
        log.info("Phone number {} ({}) deregistered; its history was deleted", number.id(), number.displayPhoneNumber());
        numbers.forget(number.id());
    }

    /** Moves a number to another WABA; it keeps its display name, quality rating and tier (its own, under classic). */
    @Transactional
    public PhoneNumber migrate(PhoneNumber number, String targetWabaId) {
        var target = tenancy.waba(targetWabaId).orElseThrow(() -> ApiProblem.notFound("WABA", targetWabaId));
        if (target.id().equals(number.wabaId())) {
            throw ApiProblem.conflict("the number already belongs to WABA " + target.id());
        }
        var business = tenancy.business(target.businessId()).orElseThrow();
        numbers.checkAllowance(target, business);
        var now = clock.instant();
        int tier = -1;
        if (profile.perBusiness()) {
            ledger.create(business.id(), profile.startTier(business.verified()), now);
            tier = ledger.lock(business.id(), profile.window(), now).orElseThrow().tier();
        } else {
            admission.lockHolder(number.id(), number, now);
        }
        var current = rows.lock(number.id()).orElseThrow();
        rows.move(number.id(), target.id(), business.id());
        if (tier >= 0) {
            rows.setTier(number.id(), profile.tier(tier).name());
        }
        var figures = new LinkedHashMap<String, Object>();
        figures.put("from_waba", current.wabaId());
        figures.put("to_waba", target.id());
        figures.put("quality_rating", current.qualityRating().name());
        events.record(current, new NumberHistory.Entry(now, "MIGRATED", current.wabaId(), target.id(),
                "migrated to WABA " + target.id() + " keeping its display name, quality rating"
                        + (profile.perBusiness() ? "" : " and messaging limit"), figures));
        numbers.forget(number.id());
        return rows.find(number.id()).orElseThrow();
    }

    @Transactional
    public PhoneNumber setThroughput(PhoneNumber number, Integer perSecond) {
        if (perSecond == null || perSecond < 1 || perSecond > settings.maxMessagesPerSecond()) {
            throw ApiProblem.badRequest("messages_per_second must be between 1 and " + settings.maxMessagesPerSecond());
        }
        rows.lock(number.id());
        rows.setThroughput(number.id(), perSecond);
        events.record(number, new NumberHistory.Entry(clock.instant(), "THROUGHPUT",
                String.valueOf(number.messagesPerSecond()), String.valueOf(perSecond), "set by a BSP admin", Map.of()));
        numbers.forget(number.id());
        return rows.find(number.id()).orElseThrow();
    }

    @Transactional
    public PhoneNumber setTier(PhoneNumber number, String tierName) {
        int index = tierName == null ? -1 : profile.indexOf(tierName.trim());
        if (index < 0) {
            throw ApiProblem.badRequest("tier must be one of " + profile.tiers().stream().map(Tier::name).toList()
                    + " (profile " + profile.name() + ")");
        }
        health.setTier(number, index, "set by a BSP admin");
        return rows.find(number.id()).orElseThrow();
    }

    /** Sets how customers reach a person (an email address, an https URL or a phone number); null removes it. */
    @Transactional
    public PhoneNumber setHumanAgent(PhoneNumber number, String contact) {
        var value = contact == null || contact.isBlank() ? null : contact.trim();
        if (value != null && (value.length() > 500 || !(value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")
                || value.matches("https://\\S+") || WaId.parse(value, null).isPresent()))) {
            throw ApiProblem.badRequest("human_agent must be an email address, an https:// URL or a phone number");
        }
        rows.lock(number.id());
        rows.setHumanAgent(number.id(), value, value == null ? clock.instant() : null);
        events.record(number, new NumberHistory.Entry(clock.instant(), "HUMAN_AGENT", number.humanAgent(), value,
                value == null ? "human agent removed" : "human agent set to " + value, Map.of()));
        numbers.forget(number.id());
        return rows.find(number.id()).orElseThrow();
    }

    /** A business asks for the green tick (official business account). */
    @Transactional
    public PhoneNumber requestOfficial(PhoneNumber number) {
        var current = rows.lock(number.id()).orElseThrow();
        if (!current.officialStatus().canMoveTo(OfficialStatus.PENDING)) {
            throw ApiProblem.conflict("the official business account is already " + current.officialStatus());
        }
        return official(current, OfficialStatus.PENDING, "requested by the business");
    }

    /** The BSP admin grants or refuses a pending request. */
    @Transactional
    public PhoneNumber decideOfficial(PhoneNumber number, boolean grant, String reason) {
        var current = rows.lock(number.id()).orElseThrow();
        var to = grant ? OfficialStatus.APPROVED : OfficialStatus.REFUSED;
        if (!current.officialStatus().canMoveTo(to)) {
            throw ApiProblem.conflict("no official business account request is pending (status "
                    + current.officialStatus() + ")");
        }
        return official(current, to, reason == null || reason.isBlank()
                ? (grant ? "granted by the BSP admin" : "refused by the BSP admin") : reason.trim());
    }

    private PhoneNumber official(PhoneNumber number, OfficialStatus target, String reason) {
        var to = number.officialStatus().moveTo(target);
        rows.setOfficialStatus(number.id(), to);
        events.record(number, new NumberHistory.Entry(clock.instant(), "OFFICIAL", number.officialStatus().name(),
                to.name(),
                reason.length() > 500 ? reason.substring(0, 500) : reason, Map.of()));
        numbers.forget(number.id());
        return rows.find(number.id()).orElseThrow();
    }

    /** A business just verified: its numbers' limits rise to the verified starting tier. */
    @EventListener
    void businessVerified(BusinessVerified event) {
        for (PhoneNumber number : rows.ofBusiness(event.businessId())) {
            if (profile.indexOf(number.messagingLimitTier()) < profile.verifiedTier()) {
                health.setTier(number, profile.verifiedTier(), "the business was verified");
            }
        }
    }
}
