package io.openwaba.inbox;

import io.openwaba.messaging.AutomatedSendGate;
import io.openwaba.messaging.MessageContent;
import io.openwaba.messaging.MessageSender;
import io.openwaba.messaging.Origin;
import io.openwaba.messaging.SendCommand;
import io.openwaba.messaging.SendResult;
import io.openwaba.shared.AfterCommit;
import io.openwaba.shared.Decision;
import io.openwaba.shared.ShortLivedCache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Each number's automated responder, and the rule that keeps automation out of an operator's
 * conversation: every automated send (a greeting here, a chatbot or funnel later) is refused by
 * the send API while an operator owns the conversation. Greetings and hand-off replies go out
 * once the customer's message is committed, with origin {@code bot}.
 */
@Service
public class AutoReplies implements AutomatedSendGate {

    static final String RULE = "operator-owns-conversation";
    static final String ACTOR = "auto-reply";
    private static final Logger log = LoggerFactory.getLogger(AutoReplies.class);

    private final AutoReplyRows rows;
    private final ConversationRows conversations;
    private final MessageSender sender;
    private final Clock clock;
    private final ShortLivedCache<String, AutoReply> cache = new ShortLivedCache<>(Duration.ofSeconds(5), 10_000);

    AutoReplies(AutoReplyRows rows, ConversationRows conversations, MessageSender sender, Clock clock) {
        this.rows = rows;
        this.conversations = conversations;
        this.sender = sender;
        this.clock = clock;
    }

    /** The number's responder; off when none was set. */
    public AutoReply of(String phoneNumberId) {
        return cache.get(phoneNumberId, number -> rows.find(number).orElse(AutoReply.off(number)));
    }

    void save(String businessId, AutoReply reply) {
        rows.save(businessId, reply, clock.instant());
        cache.remove(reply.phoneNumberId());
    }

    @Override
    public Optional<Decision.Refused> check(String phoneNumberId, String waId, Origin origin) {
        if (!conversations.operatorOwns(phoneNumberId, waId)) {
            return Optional.empty();
        }
        return Optional.of(Decision.refuse(RULE, "An operator owns this conversation: no automated message goes "
                + "out on it until it is handed back.", Map.of("origin", origin.name())));
    }

    /** Once the customer's message is committed: the greeting, or the hand-off reply. */
    void respond(InboundRule.Automated automated, AutoReply reply, String phoneNumberId, String waId) {
        MessageContent content = switch (automated) {
            case GREET -> greeting(reply);
            case HAND_OFF -> reply.handoffReply().isBlank() ? null : new MessageContent.Text(reply.handoffReply());
            case NONE -> null;
        };
        if (content != null) {
            send(phoneNumberId, waId, content);
        }
    }

    /**
     * Sent after the commit and before an assignment registered after this (callbacks run in
     * order), so the hand-off reply goes out before an operator can own the conversation.
     */
    private void send(String phoneNumberId, String waId, MessageContent content) {
        AfterCommit.run(() -> {
            var result = sender.send(SendCommand.of(phoneNumberId, waId, content, Origin.BOT, ACTOR));
            if (result instanceof SendResult.Refused refused) {
                log.info("Auto-reply to {} from {} not sent: {}", waId, phoneNumberId, refused.refusal().reason());
            }
        });
    }

    /** The away message, once the customer's message is committed. */
    void sendAway(AutoReply reply, String phoneNumberId, String waId) {
        send(phoneNumberId, waId, new MessageContent.Text(reply.awayMessage()));
    }

    private static MessageContent greeting(AutoReply reply) {
        return new MessageContent.CloudApi("interactive", Map.of("type", "button",
                "body", Map.of("text", reply.greeting()),
                "action", Map.of("buttons", List.of(Map.of("type", "reply",
                        "reply", Map.of("id", AutoReply.HANDOFF_BUTTON, "title", reply.buttonTitle()))))));
    }
}
