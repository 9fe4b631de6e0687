package io.openwaba.messaging;

import static io.openwaba.messaging.Params.optional;

import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code type: contacts}: contact cards: names, addresses, emails, phones, URLs, organisation and birthday. */
final class ContactsContent {

    static final int MAX_CONTACTS = 257;
    private static final int MAX_FIELD = 1000;
    private static final List<String> NAME_PARTS = List.of("first_name", "last_name", "middle_name", "suffix", "prefix");
    private static final List<String> ADDRESS_KEYS = List.of("street", "city", "state", "zip", "country", "country_code");
    private static final Set<String> PHONE_TYPES = Set.of("CELL", "MAIN", "IPHONE", "HOME", "WORK");
    private static final Set<String> OTHER_TYPES = Set.of("HOME", "WORK");

    private ContactsContent() {
    }

    static List<Map<String, Object>> parse(GraphBody request) {
        var cards = new ArrayList<Map<String, Object>>();
        for (GraphBody contact : Params.list(request, "contacts", 1, MAX_CONTACTS)) {
            cards.add(card(contact));
        }
        return cards;
    }

    private static Map<String, Object> card(GraphBody contact) {
        var out = new LinkedHashMap<String, Object>();
        var name = contact.requiredObject("name");
        var names = new LinkedHashMap<String, Object>();
        names.put("formatted_name", Params.required(name, "formatted_name", MAX_FIELD));
        for (String part : NAME_PARTS) {
            optional(name, part, MAX_FIELD).ifPresent(value -> names.put(part, value));
        }
        if (names.size() < 2) {
            throw GraphException.missingParameter("Param " + name.param("formatted_name")
                    + " needs at least one of " + String.join(", ", NAME_PARTS) + " beside it.");
        }
        out.put("name", names);
        contact.string("birthday").ifPresent(birthday -> out.put("birthday", birthday(contact, birthday)));
        entries(contact, "phones", "phone", PHONE_TYPES, List.of("wa_id")).ifPresent(v -> out.put("phones", v));
        entries(contact, "emails", "email", OTHER_TYPES, List.of()).ifPresent(v -> out.put("emails", v));
        entries(contact, "urls", "url", OTHER_TYPES, List.of()).ifPresent(v -> out.put("urls", v));
        entries(contact, "addresses", null, OTHER_TYPES, ADDRESS_KEYS).ifPresent(v -> out.put("addresses", v));
        contact.object("org").ifPresent(org -> {
            var company = new LinkedHashMap<String, Object>();
            for (String key : List.of("company", "department", "title")) {
                optional(org, key, MAX_FIELD).ifPresent(value -> company.put(key, value));
            }
            out.put("org", company);
        });
        return out;
    }

    private static String birthday(GraphBody contact, String value) {
        try {
            return LocalDate.parse(value).toString();
        } catch (DateTimeParseException e) {
            throw GraphException.invalidParameter("Param " + contact.param("birthday")
                    + " must be a date written YYYY-MM-DD.");
        }
    }

    /** Phones, emails, urls or addresses: each with its main value (if any), a type and optional keys. */
    private static java.util.Optional<List<Map<String, Object>>> entries(GraphBody contact, String field, String mainKey,
                                                                         Set<String> types, List<String> optionalKeys) {
        return contact.objects(field).map(items -> {
            var out = new ArrayList<Map<String, Object>>();
            for (GraphBody item : items) {
                var entry = new LinkedHashMap<String, Object>();
                if (mainKey != null) {
                    entry.put(mainKey, Params.required(item, mainKey, MAX_FIELD));
                }
                for (String key : optionalKeys) {
                    optional(item, key, MAX_FIELD).ifPresent(value -> entry.put(key, value));
                }
                if (item.has("type")) {
                    entry.put("type", Params.oneOf(item, "type", types, true));
                }
                out.add(entry);
            }
            return out;
        });
    }
}
