package io.openwaba.messaging;

import io.openwaba.catalog.Catalogs;
import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import io.openwaba.media.Media;
import io.openwaba.media.MediaObject;
import io.openwaba.numbers.PhoneNumber;
import io.openwaba.templates.PreparedTemplate;
import io.openwaba.templates.TemplateMessages;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks what a send carries against WhatsApp's rules and the sending business's own media,
 * products, templates and messages, and writes it in its canonical shape. The same checks for
 * every sender: a bot's content is held to the rules a Graph client's is. A broken rule throws a
 * {@link GraphException} with Meta's code, which {@link MessageSender} answers as a refusal.
 */
@Component
class ContentCheck {

    static final int MAX_CALLBACK_DATA = 512;
    static final Set<String> TYPES = new TreeSet<>(Set.of("text", "image", "audio", "video", "document", "sticker",
            "location", "contacts", "reaction", "interactive", "template"));

    private final JsonMapper json = JsonMapper.builder().build();
    private final Media media;
    private final Catalogs catalogs;
    private final TemplateMessages templates;
    private final MessageRows messages;

    ContentCheck(Media media, Catalogs catalogs, TemplateMessages templates, MessageRows messages) {
        this.media = media;
        this.catalogs = catalogs;
        this.templates = templates;
        this.messages = messages;
    }

    /**
     * The message as stored and carried: {@code {"type": …, <type>: …, "context": …}}; a template's
     * category and id when it is one.
     */
    record Checked(String type, Map<String, Object> message, String templateCategory, String templateId) {
        boolean template() {
            return templateCategory != null;
        }
    }

    Checked check(PhoneNumber number, SendCommand command) {
        var content = command.content();
        if (content == null) {
            throw GraphException.requiredParameter("type");
        }
        var type = content.type();
        if (type == null || !TYPES.contains(type)) {
            throw GraphException.invalidParameter("Param type must be one of " + String.join(", ", TYPES)
                    + "; got '" + type + "'.");
        }
        var lookups = lookups(number);
        ObjectNode node = json.createObjectNode();
        if (content.cloudApiObject() != null) {
            node.set(type, json.valueToTree(content.cloudApiObject()));
        }
        var body = GraphBody.of(node);
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
        if (command.replyTo() != null) {
            var replyTo = command.replyTo();
            if (replyTo.isBlank() || replyTo.length() > MessageContents.MAX_WAMID || lookups.foreignMessage(replyTo)) {
                throw GraphException.invalidParameter("Param context['message_id'] is not a valid message id.");
            }
            message.put("context", Map.of("message_id", replyTo));
        }
        var callbackData = command.callbackData();
        if (callbackData != null && callbackData.length() > MAX_CALLBACK_DATA) {
            throw GraphException.invalidParameter("Param biz_opaque_callback_data must be at most "
                    + MAX_CALLBACK_DATA + " characters long.");
        }
        return new Checked(type, message, templateCategory, templateId);
    }

    private MessageContents.Lookups lookups(PhoneNumber number) {
        return new MessageContents.Lookups() {
            @Override
            public Optional<MediaObject> media(String mediaId) {
                return media.usableBy(number.businessId(), mediaId);
            }

            @Override
            public boolean hasProduct(String catalogId, String retailerId) {
                return catalogs.product(number.wabaId(), catalogId, retailerId).isPresent();
            }

            @Override
            public PreparedTemplate template(GraphBody template) {
                return templates.prepare(number.wabaId(), template);
            }

            @Override
            public boolean foreignMessage(String wamid) {
                return messages.numberOf(wamid).filter(owner -> !owner.equals(number.id())).isPresent();
            }
        };
    }
}
