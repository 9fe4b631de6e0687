package io.openwaba.messaging;

import static io.openwaba.messaging.Params.optional;
import static io.openwaba.messaging.Params.required;

import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The object under a message's {@code type} key, checked against the Cloud API's rules and
 * rewritten in its canonical shape (JSON-string objects become objects, enums take WhatsApp's
 * case, absent optionals are left out). Interactive and contacts messages have classes of their own.
 */
final class MessageContents {

    static final int MAX_TEXT_BODY = 4096;
    static final int MAX_WAMID = 128;
    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private MessageContents() {
    }

    static Object parse(String type, GraphBody request) {
        return switch (type) {
            case "text" -> text(request.requiredObject("text"));
            case "location" -> location(request.requiredObject("location"));
            case "reaction" -> reaction(request.requiredObject("reaction"));
            case "contacts" -> ContactsContent.parse(request);
            case "interactive" -> InteractiveContent.parse(request.requiredObject("interactive"));
            default -> throw GraphException.invalidParameter("Message type '" + type
                    + "' is not supported by this server yet.");
        };
    }

    static Map<String, Object> text(GraphBody text) {
        var out = new LinkedHashMap<String, Object>();
        out.put("body", required(text, "body", MAX_TEXT_BODY));
        out.put("preview_url", text.bool("preview_url").orElse(false));
        return out;
    }

    static Map<String, Object> location(GraphBody location) {
        var out = new LinkedHashMap<String, Object>();
        out.put("latitude", coordinate(location, "latitude", 90));
        out.put("longitude", coordinate(location, "longitude", 180));
        optional(location, "name", 1000).ifPresent(name -> out.put("name", name));
        optional(location, "address", 1000).ifPresent(address -> out.put("address", address));
        return out;
    }

    private static double coordinate(GraphBody location, String field, double limit) {
        double value = location.number(field).orElseThrow(() ->
                GraphException.missingParameter("Param " + location.param(field) + " is required."));
        if (value < -limit || value > limit) {
            throw GraphException.invalidValue("Param " + location.param(field) + " must be between -" + (int) limit
                    + " and " + (int) limit + "; got " + value + ".");
        }
        return value;
    }

    /** One emoji, or {@code ""} to take a reaction back. */
    static Map<String, Object> reaction(GraphBody reaction) {
        var messageId = required(reaction, "message_id", MAX_WAMID);
        if (!reaction.json().has("emoji")) {
            throw GraphException.missingParameter("Param " + reaction.param("emoji")
                    + " is required (an empty string removes the reaction).");
        }
        var emoji = reaction.string("emoji").orElse("");
        if (!emoji.isEmpty() && !isOneEmoji(emoji)) {
            throw GraphException.invalidValue("Param " + reaction.param("emoji")
                    + " must be a single emoji, or an empty string to remove the reaction.");
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("message_id", messageId);
        out.put("emoji", emoji);
        return out;
    }

    static boolean isOneEmoji(String value) {
        var clusters = GRAPHEME.matcher(value);
        if (!clusters.find() || clusters.start() != 0 || clusters.end() != value.length()) {
            return false;
        }
        int first = value.codePointAt(0);
        // Emoji are "other symbols"; keycaps (1️⃣) start with a digit and end with U+20E3.
        return Character.getType(first) == Character.OTHER_SYMBOL || value.indexOf('\u20E3') > 0;
    }
}
