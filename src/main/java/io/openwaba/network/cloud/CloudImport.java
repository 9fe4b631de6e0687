package io.openwaba.network.cloud;

import io.openwaba.network.OnCloud;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.numbers.WaId;
import io.openwaba.shared.ApiProblem;
import io.openwaba.tenancy.Tenancy;
import io.openwaba.tenancy.Waba;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a Meta WABA's phone numbers under an openwaba WABA: each Meta number not linked yet
 * becomes an openwaba number linked to it (or, when the WABA already holds that phone number,
 * the number is linked). Meta is asked first, outside the transaction; then everything is
 * created in one transaction, so a refusal by Meta or a refused number leaves nothing behind,
 * and a second run skips what the first one linked.
 */
@OnCloud
@Component
class CloudImport {

    /** One Meta number and what became of it; {@code reason} says why a skipped one was left alone. */
    record Imported(String phoneNumberId, String metaPhoneNumberId, String displayPhoneNumber, String verifiedName,
                    String qualityRating, String reason) {
    }

    /** {@code linked}: numbers the WABA already had, now linked to Meta's. */
    record Result(String wabaId, String metaWabaId, List<Imported> created, List<Imported> linked,
                  List<Imported> skipped) {
    }

    private final Tenancy tenancy;
    private final PhoneNumbers numbers;
    private final CloudLinks links;
    private final MetaPhoneNumbers metaNumbers;
    private final TransactionTemplate tx;
    private final Clock clock;

    CloudImport(Tenancy tenancy, PhoneNumbers numbers, CloudLinks links, MetaPhoneNumbers metaNumbers,
                TransactionTemplate tx, Clock clock) {
        this.tenancy = tenancy;
        this.numbers = numbers;
        this.links = links;
        this.metaNumbers = metaNumbers;
        this.tx = tx;
        this.clock = clock;
    }

    Result run(Waba waba, String metaWabaId, String token) {
        var listed = list(metaWabaId, token);
        return tx.execute(status -> apply(waba, metaWabaId, token, listed));
    }

    private List<MetaPhoneNumbers.MetaNumber> list(String metaWabaId, String token) {
        MetaPhoneNumbers.Listing listing;
        try {
            listing = metaNumbers.list(metaWabaId, token);
        } catch (MetaGraph.NotSent | MetaGraph.Unanswered unreachable) {
            throw new ApiProblem(HttpStatus.BAD_GATEWAY, "Meta unreachable",
                    "Meta's Graph API did not answer the listing of WABA " + metaWabaId + "'s phone numbers: "
                            + unreachable.getMessage() + "; nothing was imported");
        }
        if (listing instanceof MetaPhoneNumbers.Listing.Refused refused) {
            throw ApiProblem.badRequest("Meta refused to list the phone numbers of WABA " + metaWabaId
                            + " with this token: " + refused.error().path("message").asString("HTTP " + refused.status())
                            + "; nothing was imported")
                    .with("meta_status", refused.status())
                    .with("meta_error", refused.error());
        }
        return ((MetaPhoneNumbers.Listing.Listed) listing).numbers();
    }

    private Result apply(Waba waba, String metaWabaId, String token, List<MetaPhoneNumbers.MetaNumber> listed) {
        var created = new ArrayList<Imported>();
        var linked = new ArrayList<Imported>();
        var skipped = new ArrayList<Imported>();
        var now = clock.instant();
        var numbersOfWaba = numbers.ofWaba(waba.id());
        for (var meta : listed) {
            if (meta.id() == null || !meta.id().matches("\\d{1,64}")) {
                skipped.add(skip(meta, null, "Meta listed it without a numeric id"));
                continue;
            }
            var owner = links.numberOfMeta(meta.id());
            if (owner.isPresent()) {
                skipped.add(skip(meta, owner.get(), "already linked to openwaba number " + owner.get()));
                continue;
            }
            var waId = WaId.parse(meta.displayPhoneNumber(), null).orElse(null);
            if (waId == null) {
                skipped.add(skip(meta, null, "display_phone_number is not a valid international phone number"));
                continue;
            }
            if (meta.verifiedName() == null || meta.verifiedName().isBlank()) {
                skipped.add(skip(meta, null, "Meta shows no verified_name for it"));
                continue;
            }
            var existing = numbersOfWaba.stream()
                    .filter(number -> number.waId().digits().equals(waId.digits())).findFirst();
            if (existing.isPresent()) {
                var link = links.find(existing.get().id());
                if (link.isPresent()) {
                    skipped.add(skip(meta, existing.get().id(), "openwaba number " + existing.get().id()
                            + " has this phone number and is linked to Meta number " + link.get().metaPhoneNumberId()));
                    continue;
                }
                links.save(existing.get().id(), meta.id(), metaWabaId, token, now);
                linked.add(imported(meta, existing.get().id()));
                continue;
            }
            var number = numbers.register(waba.id(), "+" + waId.digits(), meta.verifiedName());
            links.save(number.id(), meta.id(), metaWabaId, token, now);
            created.add(imported(meta, number.id()));
        }
        return new Result(waba.id(), metaWabaId, created, linked, skipped);
    }

    private static Imported imported(MetaPhoneNumbers.MetaNumber meta, String phoneNumberId) {
        return new Imported(phoneNumberId, meta.id(), meta.displayPhoneNumber(), meta.verifiedName(),
                meta.qualityRating(), null);
    }

    private static Imported skip(MetaPhoneNumbers.MetaNumber meta, String phoneNumberId, String reason) {
        return new Imported(phoneNumberId, meta.id(), meta.displayPhoneNumber(), meta.verifiedName(),
                meta.qualityRating(), reason);
    }
}
