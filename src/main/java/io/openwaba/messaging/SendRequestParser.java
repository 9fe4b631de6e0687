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

    static final int MAX_CALLBACK_DATA = 512;
    static final int MAX_WAMID = MessageContents.MAX_WAMID;

    private static final Set<String> CLOUD_API_TYPES = new TreeSet<>(Set.of("text", "image", "audio", "video",
            "document", "sticker", "location", "contacts", "reaction", "interactive", "template"));

    /** {@code templateCategory}: the category of a template message, null for a free-form one. */
    record ParsedSend(String to, String type, Map<String, Object> message, String contextWamid,
                      String callbackData, String templateCategory, String templateId) {
    }

    record ParsedRead(String messageId, boolean typing) {
    }

    /** Mark as read, with or without the typing indicator (reference/cloud-api.md section 2.4). */
    ParsedRead parseRead(GraphBody body) {
        body.requireMessagingProduct();
        var status = body.requiredString("status");
        if (!status.equalsIgnoreCase("read")) {
            throw GraphException.invalidParameter("Param status must be 'read'; got '" + status + "'.");
        }
        var messageId = Params.required(body, "message_id", MAX_WAMID);
        var typing = body.object("typing_indicator").map(indicator -> {
            Params.oneOf(indicator, "type", Set.of("text"), false);
            return true;
        }).orElse(false);
        return new ParsedRead(messageId, typing);
    }

    ParsedSend parse(GraphBody body, MessageContents.Lookups lookups) {
        body.requireMessagingProduct();
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
        var message = new LinkedHashMap<String, Object>();
        message.put("type", type);
        String templateCategory = null;
        String templateId = null;
        if (type.equals("template")) {
            var prepared = lookups.template(body.requiredObject("template"));
            message.put(type, prepared.payload());
            templateCategory = prepared.category();
            templateId = prepared.templateId();
        } else {
            message.put(type, MessageContents.parse(type, body, lookups));
        }
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
        return new ParsedSend(to, type, message, contextWamid, callbackData, templateCategory, templateId);
    }
}
