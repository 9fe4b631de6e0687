package io.openwaba.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a rule decided: allowed, or refused by a named rule, each with the reason a person reads
 * and the figures behind it (a count, a limit, when capacity frees). A refusal that a client hears
 * about carries the error Meta answers for it; a rule decided only inside the platform (a review,
 * a tier upgrade) has none. Every policy of the platform answers with this one type; a refusal is a
 * value, not an exception.
 */
public sealed interface Decision {

    String reason();

    Map<String, Object> figures();

    record Allowed(String reason, Map<String, Object> figures) implements Decision {

        public Allowed {
            figures = copy(figures);
        }
    }

    record Refused(String rule, String reason, Map<String, Object> figures, MetaError error) implements Decision {

        public Refused {
            figures = copy(figures);
        }

        /** Meta's error code for this refusal (131047, 131048 …); 0 for a rule no client hears about. */
        public int code() {
            return error == null ? 0 : error.code();
        }
    }

    Decision ALLOWED = new Allowed("", Map.of());

    static Decision allow() {
        return ALLOWED;
    }

    static Decision allow(String reason, Map<String, Object> figures) {
        return new Allowed(reason, figures);
    }

    static Refused refuse(String rule, String reason, Map<String, Object> figures, MetaError error) {
        return new Refused(rule, reason, figures, error);
    }

    /** A refusal with a WhatsApp code, whose details are the reason. */
    static Refused refuse(String rule, int code, String title, String reason, Map<String, Object> figures) {
        return new Refused(rule, reason, figures, MetaError.whatsapp(code, title, reason));
    }

    /** A refusal decided inside the platform, with no error for a client. */
    static Refused refuse(String rule, String reason, Map<String, Object> figures) {
        return new Refused(rule, reason, figures, null);
    }

    default boolean allowed() {
        return this instanceof Allowed;
    }

    private static Map<String, Object> copy(Map<String, Object> figures) {
        return figures.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }
}
