package io.openwaba.numbers;

import java.util.Locale;
import java.util.Optional;

/**
 * The sandbox's review of a new number's display name, after WhatsApp's naming rules: no
 * WhatsApp or Meta brand, no web address, not a single letter, not all capitals.
 */
final class DisplayNameRule {

    private DisplayNameRule() {
    }

    static Optional<String> problem(String name) {
        var lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("whatsapp") || lower.contains("facebook") || lower.matches(".*\\bmeta\\b.*")) {
            return Optional.of("the display name may not use WhatsApp's or Meta's brands: " + name);
        }
        if (lower.matches(".*(https?://|www\\.|\\.(com|net|org|io)\\b).*")) {
            return Optional.of("the display name may not be a web address: " + name);
        }
        if (name.strip().length() < 3) {
            return Optional.of("the display name needs at least 3 characters: " + name);
        }
        if (name.length() > 5 && name.equals(name.toUpperCase(Locale.ROOT)) && name.matches(".*[A-Z].*")) {
            return Optional.of("the display name may not be all capitals (except short acronyms): " + name);
        }
        return Optional.empty();
    }
}
