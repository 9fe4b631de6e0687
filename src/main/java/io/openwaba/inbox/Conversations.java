package io.openwaba.inbox;

import io.openwaba.messaging.MessageReceived;
import io.openwaba.tenancy.Tenancy;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The conversations of each business. A customer's message updates its conversation in the
 * transaction that stored the message, so the list never shows a message that was not kept.
 */
@Service
public class Conversations {

    static final int PREVIEW_LENGTH = 200;
    private final ConversationRows rows;
    private final Tenancy tenancy;
    private final JsonMapper json = JsonMapper.builder().build();

    Conversations(ConversationRows rows, Tenancy tenancy) {
        this.rows = rows;
        this.tenancy = tenancy;
    }

    /** The business's conversations, the latest message first. */
    public List<Conversation> ofBusiness(String businessId, int limit) {
        return rows.ofBusiness(businessId, limit);
    }

    @EventListener
    void on(MessageReceived message) {
        var waba = tenancy.waba(message.wabaId());
        if (waba.isEmpty()) {
            return;
        }
        rows.customerWrote(waba.get().businessId(), message.phoneNumberId(), message.fromWaId(),
                blankToNull(message.profileName()), preview(message), message.at());
    }

    /** A text's first characters; other types by their type, which the page translates. */
    String preview(MessageReceived message) {
        JsonNode content = message.content() == null ? null : json.valueToTree(message.content());
        String text = content == null ? "" : switch (message.type()) {
            case "text" -> content.path("body").asString("");
            case "image", "video", "document" -> content.path("caption").asString("");
            case "button" -> content.path("text").asString("");
            default -> "";
        };
        if (text.isBlank()) {
            return "[" + message.type() + "]";
        }
        if (text.codePointCount(0, text.length()) <= PREVIEW_LENGTH) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, PREVIEW_LENGTH - 1)) + "…";
    }

    private static String blankToNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return text.codePointCount(0, text.length()) <= 200 ? text : text.substring(0, text.offsetByCodePoints(0, 200));
    }
}
