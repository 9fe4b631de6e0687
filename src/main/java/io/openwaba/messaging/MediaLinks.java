package io.openwaba.messaging;

import io.openwaba.media.Media;
import io.openwaba.media.MediaKind;
import io.openwaba.media.MediaObject;
import io.openwaba.media.MediaUnavailable;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.shared.DaemonThreads;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Before dispatch, fetches the media that messages name by link (once per business and link,
 * see {@link Media#fetch}) and writes the file's id, type and SHA-256 into the message, as if it
 * had been uploaded. A link that cannot be fetched fails its message with 131053, as on WhatsApp.
 */
@Component
class MediaLinks {

    private final Media media;
    private final PhoneNumbers numbers;
    private final MessageRows messages;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();
    /** Downloads run side by side, so one slow link does not hold up the others of its batch. */
    private final ExecutorService fetchers = DaemonThreads.fixedPool("media-fetch", 8);
    private static final Logger log = LoggerFactory.getLogger(MediaLinks.class);

    MediaLinks(Media media, PhoneNumbers numbers, MessageRows messages, Clock clock) {
        this.media = media;
        this.numbers = numbers;
        this.messages = messages;
        this.clock = clock;
    }

    record Resolved(List<OutboundMessage> ready, List<StatusReport> failed) {
    }

    static Map<String, Object> describe(MediaObject found) {
        var out = new LinkedHashMap<String, Object>();
        out.put("id", found.id());
        out.put("mime_type", found.mimeType());
        out.put("sha256", found.sha256());
        return out;
    }

    /** Fetches the batch's links in parallel; a message whose media cannot be had fails alone. */
    Resolved resolve(List<OutboundMessage> batch) {
        var outcomes = new ArrayList<CompletableFuture<Object>>();
        for (OutboundMessage message : batch) {
            var linked = linkedMedia(message);
            outcomes.add(linked == null ? CompletableFuture.completedFuture(message)
                    : CompletableFuture.supplyAsync(() -> fetched(message, linked), fetchers));
        }
        var ready = new ArrayList<OutboundMessage>();
        var failed = new ArrayList<StatusReport>();
        for (var outcome : outcomes) {
            var result = outcome.join();
            if (result instanceof OutboundMessage message) {
                ready.add(message);
            } else {
                failed.add((StatusReport) result);
            }
        }
        return new Resolved(ready, failed);
    }

    /** The message with its media described, or a failed status. */
    private Object fetched(OutboundMessage message, Linked linked) {
        var object = linked.object();
        var link = object.get("link").asString();
        try {
            var businessId = numbers.find(message.phoneNumberId()).orElseThrow().businessId();
            var found = media.fetch(businessId, message.phoneNumberId(), link, linked.kind());
            describe(found).forEach((key, value) -> object.put(key, String.valueOf(value)));
            if (linked.kind() == MediaKind.DOCUMENT && !object.has("filename") && found.filename() != null) {
                object.put("filename", found.filename());
            }
            var rewritten = json.writeValueAsString(linked.payload());
            messages.updatePayload(message.wamid(), rewritten);
            return new OutboundMessage(message.wamid(), message.phoneNumberId(), message.wabaId(),
                    message.waId(), message.type(), rewritten, message.acceptedAt());
        } catch (MediaUnavailable unavailable) {
            return failure(message, unavailable.getMessage());
        } catch (RuntimeException unexpected) {
            log.warn("Fetching the media of {} failed unexpectedly; the message fails", message.wamid(), unexpected);
            return failure(message, "the media link " + link + " could not be fetched");
        }
    }

    private StatusReport failure(OutboundMessage message, String details) {
        return new StatusReport(message.wamid(), "failed", clock.instant(),
                new MessageError(131053, "Media upload error", details));
    }

    private record Linked(ObjectNode payload, ObjectNode object, MediaKind kind) {
    }

    /** The media object of a media message, or of an interactive message's header, when it names a link. */
    private Linked linkedMedia(OutboundMessage message) {
        var kind = MediaKind.ofMessageType(message.type());
        if (kind.isEmpty() && !message.type().equals("interactive")) {
            return null;
        }
        var payload = (ObjectNode) json.readTree(message.payload());
        ObjectNode object;
        if (kind.isPresent()) {
            object = payload.get(message.type()) instanceof ObjectNode node ? node : null;
        } else {
            var header = payload.path("interactive").path("header");
            kind = MediaKind.ofMessageType(header.path("type").asString(""));
            object = kind.isPresent() && header.get(header.path("type").asString()) instanceof ObjectNode node ? node : null;
        }
        if (object == null || !object.has("link") || object.has("id")) {
            return null;
        }
        return new Linked(payload, object, kind.get());
    }
}
