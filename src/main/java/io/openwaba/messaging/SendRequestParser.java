package io.openwaba.messaging;

import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of {@code POST /{phone-number-id}/messages} into a {@link SendCommand}: the
 * envelope (product, recipient, type, context, callback data) is checked here; what the type
 * carries is checked by {@link ContentCheck} for every sender alike.
 */
final class SendRequestParser {

    static final int MAX_WAMID = MessageContents.MAX_WAMID;

    private final JsonMapper json = JsonMapper.builder().build();

    record ParsedRead(String messageId, boolean typing) {
    }

    /** Mark as read, with or without the typing indicator. */
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

    SendCommand parse(String phoneNumberId, GraphBody body, String tokenId) {
        body.requireMessagingProduct();
        var recipientType = body.string("recipient_type").orElse("individual");
        if (!recipientType.equalsIgnoreCase("individual")) {
            throw GraphException.invalidParameter("Param recipient_type must be 'individual'.");
        }
        var to = body.string("to").filter(value -> !value.isBlank())
                .orElseThrow(() -> GraphException.requiredParameter("to"));
        var type = body.string("type").orElse("text").toLowerCase();
        if (!ContentCheck.TYPES.contains(type)) {
            throw GraphException.invalidParameter("Param type must be one of " + String.join(", ", ContentCheck.TYPES)
                    + "; got '" + type + "'.");
        }
        var object = body.json().get(type);
        var content = new MessageContent.CloudApi(type, object == null || object.isNull() ? null
                : json.treeToValue(object, Object.class));
        var replyTo = body.object("context").map(context -> context.requiredString("message_id")).orElse(null);
        var callbackData = body.string("biz_opaque_callback_data").orElse(null);
        return new SendCommand(phoneNumberId, to, content, replyTo, callbackData, Origin.API, tokenId);
    }
}
