package io.openwaba.inbox;

import io.openwaba.messaging.MessageContent;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reply buttons an operator puts under an answer, one title per line: WhatsApp takes at most
 * {@value #MAX} with distinct titles of at most {@value #MAX_TITLE} characters, under a body of at
 * most {@value #MAX_BODY}. Plain Java, no I/O.
 */
record QuickReplies(List<String> titles) {

    static final int MAX = 3;
    static final int MAX_TITLE = 20;
    static final int MAX_BODY = 1024;

    /** The titles typed, or the message key of what is wrong with them. */
    record Parsed(QuickReplies replies, String problem) {
    }

    static Parsed parse(String typed, String body) {
        var titles = new ArrayList<String>();
        for (var line : (typed == null ? "" : typed).split("\\R")) {
            if (!line.isBlank()) {
                titles.add(line.strip());
            }
        }
        if (titles.size() > MAX) {
            return new Parsed(null, "inbox.error.quick.count");
        }
        if (titles.stream().anyMatch(t -> t.codePointCount(0, t.length()) > MAX_TITLE)) {
            return new Parsed(null, "inbox.error.quick.title");
        }
        if (new LinkedHashSet<>(titles.stream().map(String::toLowerCase).toList()).size() < titles.size()) {
            return new Parsed(null, "inbox.error.quick.twice");
        }
        if (!titles.isEmpty() && body.codePointCount(0, body.length()) > MAX_BODY) {
            return new Parsed(null, "inbox.error.quick.body");
        }
        return new Parsed(new QuickReplies(List.copyOf(titles)), null);
    }

    /** The answer with its buttons as an interactive message; empty when there are no buttons. */
    Optional<MessageContent> message(String body) {
        if (titles.isEmpty()) {
            return Optional.empty();
        }
        var buttons = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < titles.size(); i++) {
            buttons.add(Map.of("type", "reply", "reply", Map.of("id", "quick-" + (i + 1), "title", titles.get(i))));
        }
        return Optional.of(new MessageContent.CloudApi("interactive", Map.of("type", "button",
                "body", Map.of("text", body), "action", Map.of("buttons", buttons))));
    }
}
