package io.openwaba.inbox;

import io.openwaba.messaging.MessageReceived;
import io.openwaba.tenancy.Tenancy;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
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
    private final ApplicationEventPublisher events;
    private final AutoReplies autoReplies;
    private final Assignments assignments;
    private final JsonMapper json = JsonMapper.builder().build();

    Conversations(ConversationRows rows, Tenancy tenancy, ApplicationEventPublisher events, AutoReplies autoReplies,
                  Assignments assignments) {
        this.rows = rows;
        this.tenancy = tenancy;
        this.events = events;
        this.autoReplies = autoReplies;
        this.assignments = assignments;
    }

    /** The conversation if it is that business's; another business's is not found. */
    public Optional<Conversation> find(String businessId, String id) {
        return rows.find(businessId, id);
    }

    /** A page of the business's conversations as the filter says, the latest message first. */
    List<Conversation> list(String businessId, String userId, ConversationFilter filter, int limit) {
        return rows.list(businessId, userId, filter, limit);
    }

    @EventListener
    void on(MessageReceived message) {
        var waba = tenancy.waba(message.wabaId());
        if (waba.isEmpty()) {
            return;
        }
        var businessId = waba.get().businessId();
        var responder = autoReplies.of(message.phoneNumberId());
        JsonNode content = content(message);
        boolean asks = responder.enabled() && responder.asksForPerson(words(message.type(), content),
                content.path(content.path("type").asString("")).path("id").asString(null));
        var wrote = rows.customerWrote(businessId, message.phoneNumberId(), message.fromWaId(),
                blankToNull(message.profileName()), preview(message.type(), content), message.at(),
                before -> InboundRule.apply(before, responder.enabled(), asks));
        events.publishEvent(new ConversationChanged(wrote.id(), businessId, ConversationChanged.What.MESSAGE_RECEIVED,
                null, message.at()));
        if (wrote.outcome().automated() == InboundRule.Automated.HAND_OFF) {
            rows.addTimeline(wrote.id(), ConversationChanged.What.HANDED_OFF, null, null, null, message.at());
            events.publishEvent(new ConversationChanged(wrote.id(), businessId, ConversationChanged.What.HANDED_OFF,
                    null, message.at()));
        }
        autoReplies.respond(wrote.outcome().automated(), responder, message.phoneNumberId(), message.fromWaId());
        if (wrote.outcome().owner() == OwnerKind.QUEUE && wrote.outcome().status() == ConversationStatus.PENDING) {
            if (!responder.awayMessage().isBlank() && !assignments.anyoneOnline(businessId)
                    && rows.markAwaySent(wrote.id(), message.at(), message.at().minus(AutoReply.AWAY_QUIET))) {
                autoReplies.sendAway(responder, message.phoneNumberId(), message.fromWaId());
            }
            assignments.assignWaiting(businessId, null);
        }
    }

    private JsonNode content(MessageReceived message) {
        return message.content() == null ? json.createObjectNode() : json.valueToTree(message.content());
    }

    /** What the customer said in words: a text, a button's text, or the title of the row or button tapped. */
    private static String words(String type, JsonNode content) {
        return switch (type) {
            case "text" -> content.path("body").asString("");
            case "button" -> content.path("text").asString("") + " " + content.path("payload").asString("");
            case "interactive" -> content.path(content.path("type").asString("")).path("title").asString("");
            default -> "";
        };
    }

    /** A text's first characters; other types by their type, which the page translates. */
    String preview(MessageReceived message) {
        return preview(message.type(), content(message));
    }

    private static String preview(String type, JsonNode content) {
        String text = switch (type) {
            case "text" -> content.path("body").asString("");
            case "image", "video", "document" -> content.path("caption").asString("");
            case "button" -> content.path("text").asString("");
            default -> "";
        };
        if (text.isBlank()) {
            return "[" + type + "]";
        }
        return text.length() <= PREVIEW_LENGTH ? text : cut(text, PREVIEW_LENGTH - 1) + "…";
    }

    private static String blankToNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return cut(text, 200);
    }

    /** At most {@code max} UTF-16 units (the columns' measure on H2), not splitting a character in two. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }
}
