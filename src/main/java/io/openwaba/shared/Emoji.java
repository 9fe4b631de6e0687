package io.openwaba.shared;

import java.util.regex.Pattern;

/** What WhatsApp takes as a reaction: exactly one emoji, skin tones and ZWJ sequences included. */
public final class Emoji {

    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private Emoji() {
    }

    public static boolean isOne(String value) {
        var clusters = GRAPHEME.matcher(value);
        if (!clusters.find() || clusters.start() != 0 || clusters.end() != value.length()) {
            return false;
        }
        int first = value.codePointAt(0);
        // Emoji are "other symbols"; keycaps (1️⃣) start with a digit and end with U+20E3.
        return Character.getType(first) == Character.OTHER_SYMBOL || value.indexOf('\u20E3') > 0;
    }
}
