package io.openwaba.messaging;

import io.openwaba.messaging.ReadableMessage.Item;
import io.openwaba.templates.TemplateMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a message of any type as a person sees it on WhatsApp: the chat center and the sandbox
 * phone show messages through this. {@code content} is the object under the type's key, as the
 * Cloud API writes it; a template message reads as its body with the parameters it was sent with.
 */
@Component
public class ReadableMessages {

    private final TemplateMessages templates;
    private final JsonMapper json = JsonMapper.builder().build();

    ReadableMessages(TemplateMessages templates) {
        this.templates = templates;
    }

    public ReadableMessage read(String wabaId, String type, JsonNode c) {
        var items = new ArrayList<Item>();
        String text;
        String mediaId = null;
        switch (type) {
            case "text" -> text = c.path("body").asString("");
            case "image", "video", "document", "audio", "sticker" -> {
                text = c.path("caption").asString("");
                mediaId = c.path("id").asString(null);
                var file = c.path("filename").asString(c.path("link").asString(""));
                if (!file.isBlank()) {
                    items.add(Item.of(file));
                }
            }
            case "location" -> {
                text = join(c.path("name").asString(""), c.path("address").asString(""));
                items.add(Item.of(c.path("latitude").asString("") + ", " + c.path("longitude").asString("")));
            }
            case "contacts" -> {
                text = "";
                for (JsonNode contact : c) {
                    var phones = new ArrayList<String>();
                    contact.path("phones").forEach(p -> phones.add(p.path("phone").asString("")));
                    items.add(Item.of(join(contact.path("name").path("formatted_name").asString(""),
                            String.join(", ", phones))));
                }
            }
            case "reaction" -> text = c.path("emoji").asString("");
            case "button" -> text = c.path("text").asString("");
            case "order" -> {
                text = c.path("text").asString("");
                c.path("product_items").forEach(item -> items.add(Item.of(item.path("product_retailer_id").asString("")
                        + " × " + item.path("quantity").asString("1") + " · " + item.path("item_price").asString("")
                        + " " + item.path("currency").asString(""))));
            }
            case "interactive" -> text = interactive(c, items);
            case "template" -> text = templates.bodyAsSent(wabaId, asMap(c)).orElse(c.path("name").asString(""));
            default -> text = "";
        }
        return new ReadableMessage(text, items, mediaId);
    }

    /** A business's buttons, list or products, or a customer's tap on one of them. */
    private static String interactive(JsonNode c, List<Item> items) {
        var kind = c.path("type").asString("");
        if (kind.equals("button_reply") || kind.equals("list_reply")) {
            return join(c.path(kind).path("title").asString(""), c.path(kind).path("description").asString(""));
        }
        if (kind.equals("nfm_reply")) {
            return c.path("nfm_reply").path("body").asString("");
        }
        var action = c.path("action");
        if (action.has("button")) {
            items.add(Item.of("☰ " + action.path("button").asString("")));
        }
        action.path("buttons").forEach(b -> items.add(new Item(b.path("reply").path("title").asString(""),
                "button_reply", b.path("reply").path("id").asString(""))));
        action.path("sections").forEach(section -> {
            section.path("rows").forEach(r -> items.add(new Item(r.path("title").asString(""), "list_reply",
                    r.path("id").asString(""))));
            section.path("product_items").forEach(p -> items.add(Item.of(p.path("product_retailer_id").asString(""))));
        });
        if (action.has("product_retailer_id")) {
            items.add(Item.of(action.path("product_retailer_id").asString("")));
        }
        if (action.path("parameters").has("url")) {
            items.add(Item.of(action.path("parameters").path("display_text").asString("") + " → "
                    + action.path("parameters").path("url").asString("")));
        }
        return join(c.path("header").path("text").asString(""), c.path("body").path("text").asString(""),
                c.path("footer").path("text").asString(""));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asMap(JsonNode node) {
        return json.convertValue(node, Map.class);
    }

    private static String join(String... parts) {
        var kept = new ArrayList<String>();
        for (var part : parts) {
            if (part != null && !part.isBlank()) {
                kept.add(part);
            }
        }
        return String.join("\n", kept);
    }
}
