package io.openwaba.inbox;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A number's automated responder: the greeting (sent with one reply button that asks for a
 * person), the words that ask for a person, and what the customer is told on the hand-off; and
 * its away message (none when blank), sent whatever {@code enabled} says, when the customer waits
 * in the queue with no operator online.
 */
public record AutoReply(String phoneNumberId, boolean enabled, String greeting, String buttonTitle,
                        List<String> keywords, String handoffReply, String awayMessage) {

    /** How long after an away message the same conversation gets none. */
    static final java.time.Duration AWAY_QUIET = java.time.Duration.ofHours(24);

    /** The reply button's id: a tap on it asks for a person. */
    static final String HANDOFF_BUTTON = "openwaba-handoff";

    static AutoReply off(String phoneNumberId) {
        return new AutoReply(phoneNumberId, false, "", "", List.of(), "", "");
    }

    /** Keywords as typed in the settings: comma-separated, case-insensitive. */
    static List<String> keywords(String typed) {
        return Arrays.stream(typed.split(",")).map(k -> k.strip().toLowerCase(Locale.ROOT))
                .filter(k -> !k.isEmpty()).distinct().toList();
    }

    /**
     * Whether the customer's words ask for a person: the greeting's button, or the keyword's words
     * in a row, the last one as the start of a word (so "оператора" and "operators" ask as
     * "оператор" and "operator" do, and "real person" is found in "a real person, please" but
     * not in "surreal personality").
     */
    boolean asksForPerson(String text, String tappedId) {
        if (HANDOFF_BUTTON.equals(tappedId)) {
            return true;
        }
        if (text == null || keywords.isEmpty()) {
            return false;
        }
        var said = " " + words(text);
        return keywords.stream().map(AutoReply::words).filter(k -> !k.isEmpty())
                .anyMatch(k -> said.contains(" " + k));
    }

    private static String words(String text) {
        return String.join(" ", Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty()).toList());
    }
}
