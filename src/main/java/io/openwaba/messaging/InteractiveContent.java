package io.openwaba.messaging;

import static io.openwaba.messaging.Params.optional;
import static io.openwaba.messaging.Params.required;

import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import io.openwaba.media.MediaKind;
import io.openwaba.shared.OrderedMaps;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code type: interactive}: reply buttons, lists, a call-to-action URL and the location request,
 * with WhatsApp's limits (body 1,024 characters, 3 buttons of 20, 10 sections of 10 rows).
 */
final class InteractiveContent {

    static final int MAX_BODY = 1024;
    static final int MAX_HEADER = 60;
    static final int MAX_FOOTER = 60;
    static final int MAX_BUTTONS = 3;
    static final int MAX_BUTTON_TITLE = 20;
    static final int MAX_BUTTON_ID = 256;
    static final int MAX_SECTIONS = 10;
    static final int MAX_ROWS = 10;
    static final int MAX_SECTION_TITLE = 24;
    static final int MAX_ROW_ID = 200;
    static final int MAX_ROW_TITLE = 24;
    static final int MAX_ROW_DESCRIPTION = 72;
    static final int MAX_URL = 2000;
    static final int MAX_PRODUCT_ITEMS = 30;
    private static final Set<String> BUILT = Set.of("button", "list", "cta_url", "location_request_message", "product",
            "product_list");
    private static final Set<String> MEDIA_HEADERS = Set.of("text", "image", "video", "document");
    private static final Set<String> CLOUD_API = Set.of("button", "list", "cta_url", "location_request_message",
            "product", "product_list", "catalog_message", "flow", "address_message", "call_permission_request",
            "voice_call", "carousel");

    private InteractiveContent() {
    }

    static Map<String, Object> parse(GraphBody interactive, MessageContents.Lookups lookups) {
        var type = interactive.requiredString("type").toLowerCase(Locale.ROOT);
        if (!CLOUD_API.contains(type)) {
            throw GraphException.invalidParameter("Param " + interactive.param("type") + " must be one of "
                    + String.join(", ", CLOUD_API.stream().sorted().toList()) + "; got '" + type + "'.");
        }
        if (!BUILT.contains(type)) {
            throw GraphException.invalidParameter("Interactive type '" + type + "' is not supported by this server yet.");
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("type", type);
        header(interactive, type, lookups).ifPresent(header -> out.put("header", header));
        if (type.equals("product_list") && !out.containsKey("header")) {
            throw GraphException.missingParameter("Param " + interactive.param("header") + " is required on a product_list.");
        }
        var body = type.equals("product") ? interactive.object("body") : Optional.of(interactive.requiredObject("body"));
        body.ifPresent(text -> out.put("body", OrderedMaps.of("text", required(text, "text", MAX_BODY))));
        interactive.object("footer").ifPresent(footer ->
                out.put("footer", OrderedMaps.of("text", required(footer, "text", MAX_FOOTER))));
        var action = interactive.requiredObject("action");
        out.put("action", switch (type) {
            case "button" -> buttons(action);
            case "list" -> list(action);
            case "cta_url" -> ctaUrl(action);
            case "product" -> product(action, lookups);
            case "product_list" -> productList(action, lookups);
            default -> named(action, "send_location");
        });
        return out;
    }

    /** A text header, or on reply buttons and call-to-action URLs an image, video or document (by id or link, no caption). */
    private static Optional<Map<String, Object>> header(GraphBody interactive, String type,
                                                        MessageContents.Lookups lookups) {
        return interactive.object("header").map(header -> {
            if (type.equals("location_request_message") || type.equals("product")) {
                throw GraphException.invalidValue("Param " + interactive.param("header")
                        + " is not allowed on a " + type + ".");
            }
            var headerType = Params.oneOf(header, "type", MEDIA_HEADERS, false);
            if (headerType.equals("text")) {
                return OrderedMaps.of("type", "text", "text", required(header, "text", MAX_HEADER));
            }
            if (!type.equals("button") && !type.equals("cta_url")) {
                throw GraphException.invalidValue("Param " + header.param("type") + ": a " + type
                        + " takes a text header only.");
            }
            var media = header.requiredObject(headerType);
            if (media.has("caption")) {
                throw GraphException.invalidValue("Param " + media.param("caption") + " is not allowed in a header.");
            }
            var kind = MediaKind.ofMessageType(headerType).orElseThrow();
            return OrderedMaps.of("type", headerType, headerType, MessageContents.media(kind, media, lookups));
        });
    }

    private static Map<String, Object> buttons(GraphBody action) {
        var titles = new HashSet<String>();
        var ids = new HashSet<String>();
        var buttons = new ArrayList<Map<String, Object>>();
        for (GraphBody button : Params.list(action, "buttons", 1, MAX_BUTTONS)) {
            var kind = button.string("type").orElse("reply");
            if (!kind.equalsIgnoreCase("reply")) {
                throw GraphException.invalidValue("Param " + button.param("type") + " must be 'reply'.");
            }
            var reply = button.requiredObject("reply");
            var id = required(reply, "id", MAX_BUTTON_ID);
            if (!id.equals(id.strip())) {
                throw GraphException.invalidValue("Param " + reply.param("id")
                        + " must not start or end with a space.");
            }
            var title = required(reply, "title", MAX_BUTTON_TITLE);
            if (!ids.add(id)) {
                throw GraphException.invalidValue("Param " + reply.param("id") + " '" + id + "' is used by another button.");
            }
            if (!titles.add(title.toLowerCase(Locale.ROOT))) {
                throw GraphException.invalidValue("Param " + reply.param("title") + " '" + title
                        + "' is used by another button; button titles must be unique.");
            }
            buttons.add(OrderedMaps.of("type", "reply", "reply", OrderedMaps.of("id", id, "title", title)));
        }
        return OrderedMaps.of("buttons", buttons);
    }

    private static Map<String, Object> list(GraphBody action) {
        var out = new LinkedHashMap<String, Object>();
        out.put("button", required(action, "button", MAX_BUTTON_TITLE));
        var sections = Params.list(action, "sections", 1, MAX_SECTIONS);
        var rowIds = new HashSet<String>();
        int rowCount = 0;
        var parsed = new ArrayList<Map<String, Object>>();
        for (GraphBody section : sections) {
            var entry = new LinkedHashMap<String, Object>();
            sectionTitle(section, sections.size()).ifPresent(value -> entry.put("title", value));
            var rows = new ArrayList<Map<String, Object>>();
            for (GraphBody row : Params.list(section, "rows", 1, MAX_ROWS)) {
                var parsedRow = new LinkedHashMap<String, Object>();
                var id = required(row, "id", MAX_ROW_ID);
                if (!rowIds.add(id)) {
                    throw GraphException.invalidValue("Param " + row.param("id") + " '" + id
                            + "' is used by another row; row ids must be unique.");
                }
                parsedRow.put("id", id);
                parsedRow.put("title", required(row, "title", MAX_ROW_TITLE));
                optional(row, "description", MAX_ROW_DESCRIPTION).ifPresent(d -> parsedRow.put("description", d));
                rows.add(parsedRow);
            }
            rowCount += rows.size();
            entry.put("rows", rows);
            parsed.add(entry);
        }
        if (rowCount > MAX_ROWS) {
            throw GraphException.invalidValue("Param " + action.param("sections") + " has " + rowCount
                    + " rows; a list has at most " + MAX_ROWS + " rows in all its sections.");
        }
        out.put("sections", parsed);
        return out;
    }

    /** A section's title: required when there are several sections, optional for one. */
    private static Optional<String> sectionTitle(GraphBody section, int sectionCount) {
        return sectionCount > 1 ? Optional.of(required(section, "title", MAX_SECTION_TITLE))
                : optional(section, "title", MAX_SECTION_TITLE);
    }

    private static Map<String, Object> ctaUrl(GraphBody action) {
        named(action, "cta_url");
        var parameters = action.requiredObject("parameters");
        var out = new LinkedHashMap<String, Object>();
        out.put("name", "cta_url");
        out.put("parameters", OrderedMaps.of(
                "display_text", required(parameters, "display_text", MAX_BUTTON_TITLE),
                "url", Params.httpUrl(parameters, "url", MAX_URL)));
        return out;
    }

    private static Map<String, Object> product(GraphBody action, MessageContents.Lookups lookups) {
        var catalogId = required(action, "catalog_id", 64);
        var retailerId = required(action, "product_retailer_id", 100);
        checkProduct(action, "product_retailer_id", catalogId, retailerId, lookups);
        return OrderedMaps.of("catalog_id", catalogId, "product_retailer_id", retailerId);
    }

    private static Map<String, Object> productList(GraphBody action, MessageContents.Lookups lookups) {
        var catalogId = required(action, "catalog_id", 64);
        var sections = Params.list(action, "sections", 1, MAX_SECTIONS);
        var parsed = new ArrayList<Map<String, Object>>();
        int items = 0;
        for (GraphBody section : sections) {
            var entry = new LinkedHashMap<String, Object>();
            sectionTitle(section, sections.size()).ifPresent(value -> entry.put("title", value));
            var products = new ArrayList<Map<String, Object>>();
            for (GraphBody item : Params.list(section, "product_items", 1, MAX_PRODUCT_ITEMS)) {
                var retailerId = required(item, "product_retailer_id", 100);
                checkProduct(item, "product_retailer_id", catalogId, retailerId, lookups);
                products.add(OrderedMaps.of("product_retailer_id", retailerId));
            }
            items += products.size();
            entry.put("product_items", products);
            parsed.add(entry);
        }
        if (items > MAX_PRODUCT_ITEMS) {
            throw GraphException.invalidValue("Param " + action.param("sections") + " has " + items
                    + " products; a product list has at most " + MAX_PRODUCT_ITEMS + " in all its sections.");
        }
        return OrderedMaps.of("catalog_id", catalogId, "sections", parsed);
    }

    private static void checkProduct(GraphBody where, String field, String catalogId, String retailerId,
                                     MessageContents.Lookups lookups) {
        if (!lookups.hasProduct(catalogId, retailerId)) {
            throw GraphException.invalidValue("Param " + where.param(field) + ": product '" + retailerId
                    + "' is not in catalog " + catalogId + " of this WABA.");
        }
    }

    private static Map<String, Object> named(GraphBody action, String name) {
        var given = action.requiredString("name");
        if (!given.equalsIgnoreCase(name)) {
            throw GraphException.invalidValue("Param " + action.param("name") + " must be '" + name + "'.");
        }
        return OrderedMaps.of("name", name);
    }
}
