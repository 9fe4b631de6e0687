package io.openwaba.numbers;

import io.openwaba.shared.Decision;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many numbers a WABA (under meta-2025: a business) may hold: as many as its business's
 * verification allows (classic: 2 unverified, 25 verified). Every number but an OFFLINE one holds a
 * place. A refusal is answered by the management API as a conflict, and by the Graph API as 131009.
 * Plain Java.
 */
record NumberAllowanceRule(PolicyProfile profile) {

    static final String RULE = "number-allowance";

    /**
     * May one more number join {@code owner} ("WABA 123", "business 456"), whose numbers are in
     * {@code statuses} (how many in each)?
     */
    Decision check(String owner, Map<NumberStatus, Integer> statuses, boolean verifiedBusiness) {
        int allowed = profile.numbersAllowed(verifiedBusiness);
        int present = statuses.entrySet().stream().filter(entry -> entry.getKey().countsTowardAllowance())
                .mapToInt(Map.Entry::getValue).sum();
        var figures = new LinkedHashMap<String, Object>();
        figures.put("numbers", present);
        figures.put("numbers_allowed", allowed);
        figures.put("verified_business", verifiedBusiness);
        if (present < allowed) {
            return Decision.allow(present + " of " + allowed + " numbers", figures);
        }
        return Decision.refuse(RULE, owner + " already has " + present + " phone numbers, the most "
                + (verifiedBusiness ? "a verified" : "an unverified") + " business may have (" + allowed + ")"
                + (verifiedBusiness ? "" : "; verify the business to add more"), figures);
    }
}
