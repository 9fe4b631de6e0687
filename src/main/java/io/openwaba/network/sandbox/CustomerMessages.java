package io.openwaba.network.sandbox;

import io.openwaba.shared.ApiProblem;
import io.openwaba.shared.Emoji;
import io.openwaba.shared.OrderedMaps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a simulated customer may send, checked and put in the shape of Meta's inbound webhook
 * as Meta's inbound webhooks carry it: the object under the message's {@code type} key.
 */
final class CustomerMessages {

    static final Set<String> TYPES = Set.of("text", "image", "audio", "video", "document", "sticker", "location",
            "contacts", "reaction", "interactive", "button", "order", "unsupported");

    /** An order from the business's catalog: prices are filled in from the catalog. */
    record OrderRequest(String catalogId, String text, List<Map<String, Object>> items) {
    }

    /** A file the customer sends: its bytes (given base64-encoded) and what goes beside it in the webhook. */
    record MediaFile(byte[] data, String filename, Map<String, Object> extras) {
    }

    private CustomerMessages() {
    }

    /** The message content under its type key; refuses anything a WhatsApp phone could not send. */
    static Object content(String type, Map<String, Object> request) {
        if (!TYPES.contains(type)) {
            throw ApiProblem.badRequest("type must be one of " + String.join(", ", TYPES.stream().sorted().toList()));
        }
        var body = request.get(type);
        return switch (type) {
            case "text" -> OrderedMaps.of("body", text(object(body, "text"), "body", 4096));
            case "image", "video", "document", "audio", "sticker" -> mediaFile(type, object(body, type));
            case "location" -> location(object(body, "location"));
            case "order" -> order(object(body, "order"));
            case "contacts" -> contacts(body);
            case "reaction" -> reaction(object(body, "reaction"));
            case "interactive" -> interactive(object(body, "interactive"));
            case "button" -> {
                var button = object(body, "button");
                yield OrderedMaps.of("payload", text(button, "payload", 256), "text", text(button, "text", 256));
            }
            default -> OrderedMaps.of("type", body instanceof Map<?, ?> given && given.get("type") instanceof String kind
                    ? kind : "unknown");
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String name) {
        if (!(value instanceof Map<?, ?> map)) {
            throw ApiProblem.badRequest(name + " must be a JSON object");
        }
        return (Map<String, Object>) map;
    }

    private static String text(Map<String, Object> object, String field, int max) {
        if (!(object.get(field) instanceof String value) || value.isBlank()) {
            throw ApiProblem.badRequest(field + " is required");
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw ApiProblem.badRequest(field + " must be at most " + max + " characters long");
        }
        return value;
    }

    private static MediaFile mediaFile(String type, Map<String, Object> media) {
        byte[] data;
        try {
            data = java.util.Base64.getDecoder().decode(text(media, "data", Integer.MAX_VALUE));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest(type + ".data must be the file's bytes in base64");
        }
        var extras = new LinkedHashMap<String, Object>();
        String filename = null;
        if (media.get("caption") != null && (type.equals("image") || type.equals("video") || type.equals("document"))) {
            extras.put("caption", text(media, "caption", 1024));
        }
        if (type.equals("document")) {
            filename = media.get("filename") == null ? "document" : text(media, "filename", 240);
            extras.put("filename", filename);
        }
        if (type.equals("audio")) {
            extras.put("voice", Boolean.TRUE.equals(media.get("voice")));
        }
        return new MediaFile(data, filename, extras);
    }

    private static OrderRequest order(Map<String, Object> order) {
        var catalogId = text(order, "catalog_id", 64);
        var text = order.get("text") == null ? null : text(order, "text", 1000);
        if (!(order.get("product_items") instanceof List<?> items) || items.isEmpty() || items.size() > 100) {
            throw ApiProblem.badRequest("order.product_items must be 1 to 100 items");
        }
        var parsed = new java.util.ArrayList<Map<String, Object>>();
        for (Object entry : items) {
            var item = object(entry, "each product item");
            var retailerId = text(item, "product_retailer_id", 100);
            if (!(item.get("quantity") instanceof Number quantity) || quantity.intValue() < 1
                    || quantity.doubleValue() != quantity.intValue()) {
                throw ApiProblem.badRequest("quantity of " + retailerId + " must be a whole number of at least 1");
            }
            parsed.add(OrderedMaps.of("product_retailer_id", retailerId, "quantity", quantity.intValue()));
        }
        return new OrderRequest(catalogId, text, parsed);
    }

    private static Map<String, Object> location(Map<String, Object> location) {
        var out = new LinkedHashMap<String, Object>();
        out.put("latitude", coordinate(location, "latitude", 90));
        out.put("longitude", coordinate(location, "longitude", 180));
        for (String key : List.of("name", "address", "url")) {
            if (location.get(key) != null) {
                out.put(key, text(location, key, 1000));
            }
        }
        return out;
    }

    private static double coordinate(Map<String, Object> location, String field, double limit) {
        if (!(location.get(field) instanceof Number number) || Math.abs(number.doubleValue()) > limit) {
            throw ApiProblem.badRequest(field + " must be a number between -" + (int) limit + " and " + (int) limit);
        }
        return number.doubleValue();
    }

    private static List<?> contacts(Object value) {
        if (!(value instanceof List<?> cards) || cards.isEmpty()) {
            throw ApiProblem.badRequest("contacts must be a non-empty array of contact cards");
        }
        for (Object card : cards) {
            var name = object(object(card, "each contact").get("name"), "name");
            text(name, "formatted_name", 1000);
        }
        return cards;
    }

    private static Map<String, Object> reaction(Map<String, Object> reaction) {
        var messageId = text(reaction, "message_id", 128);
        var emoji = reaction.get("emoji") == null ? "" : reaction.get("emoji");
        if (!(emoji instanceof String value) || (!value.isEmpty() && !Emoji.isOne(value))) {
            throw ApiProblem.badRequest("emoji must be one emoji, or empty to take the reaction back");
        }
        return OrderedMaps.of("message_id", messageId, "emoji", value);
    }

    /** A tap on a reply button or a list row of an earlier interactive message. */
    private static Map<String, Object> interactive(Map<String, Object> interactive) {
        var kind = String.valueOf(interactive.get("type"));
        if (!kind.equals("button_reply") && !kind.equals("list_reply")) {
            throw ApiProblem.badRequest("interactive.type must be button_reply or list_reply");
        }
        var reply = object(interactive.get(kind), kind);
        var out = new LinkedHashMap<String, Object>();
        out.put("id", text(reply, "id", 256));
        out.put("title", text(reply, "title", 24));
        if (kind.equals("list_reply") && reply.get("description") != null) {
            out.put("description", text(reply, "description", 72));
        }
        return OrderedMaps.of("type", kind, kind, out);
    }
}
