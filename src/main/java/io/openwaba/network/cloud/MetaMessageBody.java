package io.openwaba.network.cloud;

import io.openwaba.messaging.OutboundMessage;
import io.openwaba.network.OnCloud;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Cloud API request for an accepted message. Our wamid rides along as
 * {@code biz_opaque_callback_data} (Meta echoes it in every status); a reply to or a reaction on
 * one of our outbound messages names Meta's wamid for it.
 */
@OnCloud
@Component
class MetaMessageBody {

    private final RelayedMessages relayed;
    private final JsonMapper json = JsonMapper.builder().build();

    MetaMessageBody(RelayedMessages relayed) {
        this.relayed = relayed;
    }

    /** The message as stored ({@code type}, the type's object, {@code context}) plus who it goes to. */
    ObjectNode of(OutboundMessage message) {
        var body = json.createObjectNode();
        body.put("messaging_product", "whatsapp");
        body.put("recipient_type", "individual");
        body.put("to", message.waId());
        if (json.readTree(message.payload()) instanceof ObjectNode stored) {
            body.setAll(stored);
        }
        body.put("type", message.type());
        toMetaWamid(body.path("context"), "message_id");
        if ("reaction".equals(message.type())) {
            toMetaWamid(body.path("reaction"), "message_id");
        }
        body.put("biz_opaque_callback_data", message.wamid());
        return body;
    }

    /** Our outbound wamids mean nothing to Meta; customers' wamids are Meta's own and stay. */
    private void toMetaWamid(JsonNode parent, String field) {
        if (parent instanceof ObjectNode object && object.path(field).isString()) {
            relayed.metaWamid(object.path(field).asString()).ifPresent(metaWamid -> object.put(field, metaWamid));
        }
    }
}
