package io.openwaba.network.cloud;

import io.openwaba.media.MediaKind;
import io.openwaba.media.MediaUnavailable;
import io.openwaba.messaging.InboundMessage;
import io.openwaba.messaging.InboundMessages;
import io.openwaba.messaging.MessageError;
import io.openwaba.network.OnCloud;
import io.openwaba.shared.BackgroundWork;
import io.openwaba.shared.NodeName;
import io.openwaba.shared.WallClock;
import io.openwaba.shared.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Customers' messages from Meta's webhooks, handed to messaging as the linked number's inbound
 * messages. One with media is held while its file is fetched from Meta (outside the inbox's
 * transaction, so a slow download holds up no other delivery) and delivered with our media id;
 * the customer's later messages wait behind it, so the business gets them in order. A download
 * that fails still delivers the message, with Meta's error 131052 on it.
 */
@OnCloud
@Component
class MetaInboundMessages extends BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(MetaInboundMessages.class);
    private static final int BATCH = 20;
    /** Longer than a download may take (its deadline is 30 s); a node that dies lets another take over after it. */
    private static final Duration LEASE = Duration.ofMinutes(2);
    static final MessageError DOWNLOAD_FAILED = new MessageError(131052, "Media download error",
            "Unable to download the media sent by the user.");

    private final InboundMessages inbound;
    private final RelayedMessages relayed;
    private final HeldInboundRows held;
    private final CloudLinks links;
    private final MetaMedia media;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final WallClock wall;
    private final String node = NodeName.current();
    private final JsonMapper json = JsonMapper.builder().build();

    MetaInboundMessages(InboundMessages inbound, RelayedMessages relayed, HeldInboundRows held, CloudLinks links,
                        MetaMedia media, TransactionTemplate tx, Clock clock, WallClock wall, CloudSettings settings) {
        super("meta-inbound-media", settings.inboxThreads(), settings.inboxPollInterval());
        this.inbound = inbound;
        this.relayed = relayed;
        this.held = held;
        this.links = links;
        this.media = media;
        this.tx = tx;
        this.clock = clock;
        this.wall = wall;
    }

    /** A customer's message of the number, in the transaction that applies Meta's delivery. */
    void received(String phoneNumberId, JsonNode message, String profileName) {
        var from = message.path("from").asString("");
        if (!hasMedia(message) && !held.holds(phoneNumberId, from)) {
            deliver(phoneNumberId, message, profileName, message.path(message.path("type").asString()), null);
            return;
        }
        var kept = json.createObjectNode();
        kept.put("profile_name", profileName);
        kept.set("message", message);
        held.hold(phoneNumberId, from, json.writeValueAsString(kept), clock.instant());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        }
    }

    private static boolean hasMedia(JsonNode message) {
        var type = message.path("type").asString("");
        return MediaKind.ofMessageType(type).isPresent() && message.path(type).path("id").isString();
    }

    @Override
    protected int step() {
        var now = wall.instant();
        var due = tx.execute(status -> held.claim(BATCH, new WorkQueue.Lease(now, now.plus(LEASE), node)));
        for (var one : due) {
            var kept = json.readTree(one.message());
            var message = kept.path("message");
            var profileName = kept.path("profile_name").asString("");
            var type = message.path("type").asString("");
            JsonNode content = message.path(type);
            MessageError error = null;
            if (hasMedia(message)) {
                try {
                    content = fetched(one.phoneNumberId(), message, type);
                } catch (MediaUnavailable | RuntimeException failed) {
                    log.warn("the {} of message {} could not be downloaded from Meta ({}): delivered with error 131052",
                            type, message.path("id").asString(""), failed.getMessage());
                    content = withoutMetaMedia(message.path(type));
                    error = DOWNLOAD_FAILED;
                }
            }
            var delivered = content;
            var withError = error;
            tx.executeWithoutResult(status -> {
                deliver(one.phoneNumberId(), message, profileName, delivered, withError);
                held.delete(one.id());
            });
        }
        return due.size();
    }

    /** The media object as the business gets it: our id and SHA-256, no URL of Meta's. */
    private JsonNode fetched(String phoneNumberId, JsonNode message, String type) throws MediaUnavailable {
        var link = links.find(phoneNumberId).orElseThrow(() -> new MediaUnavailable("the number is not linked"));
        var object = (ObjectNode) message.path(type).deepCopy();
        var stored = media.download(link, object.path("id").asString(), MediaKind.ofMessageType(type).orElseThrow(),
                object.path("filename").asString(null));
        object.put("id", stored.id());
        object.put("sha256", stored.sha256());
        object.remove("url");
        return object;
    }

    private static JsonNode withoutMetaMedia(JsonNode object) {
        var copy = (ObjectNode) object.deepCopy();
        copy.remove("id");
        copy.remove("url");
        return copy;
    }

    private void deliver(String phoneNumberId, JsonNode message, String profileName, JsonNode content,
                         MessageError error) {
        var type = message.path("type").asString("");
        var wamid = message.path("id").asString("");
        var context = message.path("context").path("id").asString(null);
        var contextWamid = context == null ? null : relayed.ourWamid(context).orElse(context);
        inbound.receive(new InboundMessage(wamid, phoneNumberId, message.path("from").asString(""), profileName,
                type, json.convertValue(content, Object.class), contextWamid, MetaWebhooks.at(message, clock), error));
    }
}
