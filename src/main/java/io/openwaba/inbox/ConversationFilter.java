package io.openwaba.inbox;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Which conversations the list shows: a view (open or pending: all of them, mine, the queue's,
 * the automated reply's; or the snoozed, or the resolved), a team they belong to, a label they carry, words to look for in the customer's name, number or last message,
 * and where the page starts (after the conversation {@code afterId} of {@code afterAt}, the
 * latest first).
 */
record ConversationFilter(View view, String query, String team, String label, Instant afterAt, String afterId) {

    static final int MAX_QUERY = 100;

    enum View {
        ALL, MINE, QUEUE, BOT, SNOOZED, RESOLVED;

        static Optional<View> parse(String text) {
            if (text == null || text.isBlank()) {
                return Optional.of(ALL);
            }
            try {
                return Optional.of(valueOf(text.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The query as a LIKE pattern, its wildcards taken literally; null when there is none. */
    String likePattern() {
        if (query == null || query.isBlank()) {
            return null;
        }
        var escaped = query.strip().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
