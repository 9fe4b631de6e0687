package io.openwaba.numbers;

import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Caller;
import io.openwaba.shared.NodeIds;
import io.openwaba.shared.ShortLivedCache;
import io.openwaba.tenancy.Tenancy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Registers business phone numbers and answers who owns one. */
@Service
public class PhoneNumbers {

    private final PhoneNumberRows rows;
    private final Tenancy tenancy;
    private final Clock clock;
    private final ShortLivedCache<String, Optional<PhoneNumber>> recent =
            new ShortLivedCache<>(Duration.ofSeconds(1), 10_000);

    PhoneNumbers(PhoneNumberRows rows, Tenancy tenancy, Clock clock) {
        this.rows = rows;
        this.tenancy = tenancy;
        this.clock = clock;
    }

    /**
     * Registers a number under a WABA, CONNECTED at once. A verified business starts at
     * TIER_1K, an unverified one at TIER_50 (POLICY.md section 1).
     */
    @Transactional
    public PhoneNumber register(String wabaId, String phoneNumber, String verifiedName) {
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
        var number = new PhoneNumber(NodeIds.next(), waba.id(), waba.businessId(), waId, waId.display(),
                verifiedName.trim(), "CONNECTED", business.verified() ? "TIER_1K" : "TIER_50", "GREEN",
                clock.instant());
        rows.insert(number);
        return number;
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
}
