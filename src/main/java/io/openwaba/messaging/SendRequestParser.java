package io.openwaba.messaging;

import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the body of {@code POST /{phone-number-id}/messages} into a checked send, with the
 * Cloud API's codes and limits (reference/cloud-api.md section 2).
 */
final class SendRequestParser {

    static final int MAX_TEXT_BODY = 4096;
    static final int MAX_CALLBACK_DATA = 512;
    static final int MAX_WAMID = 128;

    private static final Set<String> CLOUD_API_TYPES = new TreeSet<>(Set.of("text", "image", "audio", "video",
            "document", "sticker", "location", "contacts", "reaction", "interactive", "template"));
    private static final Set<String> SUPPORTED_TYPES = Set.of("text");

    record ParsedSend(String to, String type, Map<String, Object> message, String contextWamid,
                      String callbackData) {
    }

    ParsedSend parse(GraphBody body) {
        var product = body.string("messaging_product")
                .orElseThrow(() -> GraphException.requiredParameter("messaging_product"));
        if (!product.equalsIgnoreCase("whatsapp")) {
            throw GraphException.invalidParameter("Param messaging_product must be 'whatsapp'.");
        }
        var recipientType = body.string("recipient_type").orElse("individual");
        if (!recipientType.equalsIgnoreCase("individual")) {
            throw GraphException.invalidParameter("Param recipient_type must be 'individual'.");
        }
        var to = body.string("to").filter(value -> !value.isBlank())
                .orElseThrow(() -> GraphException.requiredParameter("to"));
        var type = body.string("type").orElse("text").toLowerCase();
        if (!CLOUD_API_TYPES.contains(type)) {
            throw GraphException.invalidParameter("Param type must be one of " + String.join(", ", CLOUD_API_TYPES)
                    + "; got '" + type + "'.");
        }
        if (!SUPPORTED_TYPES.contains(type)) {
            throw GraphException.invalidParameter("Message type '" + type + "' is not supported by this server yet.");
        }
        var message = new LinkedHashMap<String, Object>();
        message.put("type", type);
        message.put(type, text(body.requiredObject("text")));
        String contextWamid = null;
        var context = body.object("context");
        if (context.isPresent()) {
            contextWamid = context.get().requiredString("message_id");
            if (contextWamid.length() > MAX_WAMID) {
                throw GraphException.invalidParameter("Param context['message_id'] is not a valid message id.");
            }
            message.put("context", Map.of("message_id", contextWamid));
        }
        var callbackData = body.string("biz_opaque_callback_data").orElse(null);
        if (callbackData != null && callbackData.length() > MAX_CALLBACK_DATA) {
            throw GraphException.invalidParameter("Param biz_opaque_callback_data must be at most "
                    + MAX_CALLBACK_DATA + " characters long.");
        }
        return new ParsedSend(to, type, message, contextWamid, callbackData);
    }

    private static Map<String, Object> text(GraphBody text) {
        var body = text.requiredString("body");
        if (body.codePointCount(0, body.length()) > MAX_TEXT_BODY) {
            throw GraphException.invalidParameter("Param " + text.param("body") + " must be at most "
                    + MAX_TEXT_BODY + " characters long.");
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("body", body);
        out.put("preview_url", text.bool("preview_url").orElse(false));
        return out;
    }
}
