package io.openwaba.numbers;

import io.openwaba.shared.Decision;
import java.util.Locale;
import java.util.Map;

/**
 * The sandbox's review of a new number's display name, after WhatsApp's naming rules: no
 * WhatsApp or Meta brand, no web address, not a single letter, not all capitals. The first rule
 * the name breaks refuses it; a refusal makes the number OFFLINE, which the business hears of as a
 * rejected review, not as an error. Plain Java.
 */
final class DisplayNameRule {

    static final String RULE = "display-name";

    private DisplayNameRule() {
    }

    static Decision review(String name) {
        var figures = Map.<String, Object>of("verified_name", name);
        var lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("whatsapp") || lower.contains("facebook") || lower.matches(".*\\bmeta\\b.*")) {
            return refuse("the display name may not use WhatsApp's or Meta's brands: " + name, figures);
        }
        if (lower.matches(".*(https?://|www\\.|\\.(com|net|org|io)\\b).*")) {
            return refuse("the display name may not be a web address: " + name, figures);
        }
        if (name.strip().length() < 3) {
            return refuse("the display name needs at least 3 characters: " + name, figures);
        }
        if (name.length() > 5 && name.equals(name.toUpperCase(Locale.ROOT)) && name.matches(".*[A-Z].*")) {
            return refuse("the display name may not be all capitals (except short acronyms): " + name, figures);
        }
        return Decision.allow("the review against the commerce policy found nothing", figures);
    }

    private static Decision refuse(String reason, Map<String, Object> figures) {
        return Decision.refuse(RULE, reason, figures);
    }
}
