package io.openwaba.messaging;

import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import io.openwaba.shared.HttpUrls;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The checks message bodies share. Lengths count characters as WhatsApp does (code points).
 * A missing parameter answers 131008, a malformed one 100, one outside WhatsApp's limits 131009;
 * every message names the parameter and the limit.
 */
final class Params {

    private Params() {
    }

    static String required(GraphBody body, String field, int max) {
        return atMost(body, field, body.requiredString(field), max);
    }

    static Optional<String> optional(GraphBody body, String field, int max) {
        return body.string(field).map(value -> atMost(body, field, value, max));
    }

    static String atMost(GraphBody body, String field, String value, int max) {
        if (length(value) > max) {
            throw GraphException.invalidParameter("Param " + body.param(field) + " must be at most " + max
                    + " characters long.");
        }
        return value;
    }

    static int length(String value) {
        return value.codePointCount(0, value.length());
    }

    /** An enum value in any case, answered in the case WhatsApp uses ({@code canonical} decides). */
    static String oneOf(GraphBody body, String field, Set<String> allowed, boolean upper) {
        var value = body.requiredString(field);
        var normalised = upper ? value.toUpperCase(Locale.ROOT) : value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(normalised)) {
            throw GraphException.invalidValue("Param " + body.param(field) + " must be one of "
                    + String.join(", ", allowed.stream().sorted().toList()) + "; got '" + value + "'.");
        }
        return normalised;
    }

    static List<GraphBody> list(GraphBody body, String field, int min, int max) {
        var items = body.objects(field).orElseThrow(() ->
                GraphException.missingParameter("Param " + body.param(field) + " is required."));
        if (items.size() < min || items.size() > max) {
            throw GraphException.invalidValue("Param " + body.param(field) + " must have "
                    + (min == max ? "exactly " + min : min + " to " + max) + " elements; it has " + items.size() + ".");
        }
        return items;
    }

    static String httpUrl(GraphBody body, String field, int max) {
        var value = required(body, field, max).trim();
        if (HttpUrls.isHttp(value)) {
            return value;
        }
        throw GraphException.invalidParameter("Param " + body.param(field) + " must be an http or https URL.");
    }
}
