package io.openwaba.network.cloud;

import io.openwaba.messaging.OutboundMessage;
import io.openwaba.network.OnCloud;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Cloud API request for an accepted message. Our wamid rides along as
 * {@code biz_opaque_callback_data} (Meta echoes it in every status); a reply to or a reaction on
 * one of our outbound messages names Meta's wamid for it. Media named by our id goes by Meta's id
 * for its copy, made on first use when there is none yet (uploaded before the number was linked,
 * or received from a customer); media named by link goes as it is.
 */
@OnCloud
@Component
class MetaMessageBody {

    /** The objects that name media by {@code id} or {@code link}, wherever they sit (header, template parameter, card). */
    private static final Set<String> MEDIA = Set.of("image", "audio", "video", "document", "sticker");

    private final RelayedMessages relayed;
    private final MetaMedia media;
    private final JsonMapper json = JsonMapper.builder().build();

    MetaMessageBody(RelayedMessages relayed, MetaMedia media) {
        this.relayed = relayed;
        this.media = media;
    }

    /** The message as stored ({@code type}, the type's object, {@code context}) plus who it goes to. */
    ObjectNode of(CloudLinks.Link link, OutboundMessage message) throws MetaMedia.NotCopied {
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
        toMetaMedia(link, body);
        return body;
    }

    private void toMetaMedia(CloudLinks.Link link, JsonNode node) throws MetaMedia.NotCopied {
        if (node instanceof ObjectNode object) {
            for (var name : List.copyOf(object.propertyNames())) {
                var child = object.get(name);
                if (MEDIA.contains(name) && child instanceof ObjectNode mediaObject && mediaObject.path("id").isString()) {
                    mediaObject.put("id", media.metaId(link, mediaObject.path("id").asString()));
                } else {
                    toMetaMedia(link, child);
                }
            }
        } else if (node != null && node.isArray()) {
            for (JsonNode element : node) {
                toMetaMedia(link, element);
            }
        }
    }

    /** Our outbound wamids mean nothing to Meta; customers' wamids are Meta's own and stay. */
    private void toMetaWamid(JsonNode parent, String field) {
        if (parent instanceof ObjectNode object && object.path(field).isString()) {
            relayed.metaWamid(object.path(field).asString()).ifPresent(metaWamid -> object.put(field, metaWamid));
        }
    }
}
