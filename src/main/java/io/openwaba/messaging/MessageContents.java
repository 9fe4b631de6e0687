package io.openwaba.messaging;

import static io.openwaba.messaging.Params.optional;
import static io.openwaba.messaging.Params.required;

import io.openwaba.graph.GraphBody;
import io.openwaba.graph.GraphException;
import io.openwaba.media.MediaKind;
import io.openwaba.media.MediaObject;
import io.openwaba.shared.Emoji;
import io.openwaba.templates.PreparedTemplate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;

/**
 * The object under a message's {@code type} key, checked against the Cloud API's rules and
 * rewritten in its canonical shape (JSON-string objects become objects, enums take WhatsApp's
 * case, absent optionals are left out). Interactive and contacts messages have classes of their own.
 */
final class MessageContents {

    static final int MAX_TEXT_BODY = 4096;
    static final int MAX_WAMID = 128;
    static final int MAX_CAPTION = 1024;
    static final int MAX_FILENAME = 240;
    static final int MAX_URL = 2048;

    private MessageContents() {
    }

    /** What a message may name that belongs to the sending business: its media and its catalog's products. */
    interface Lookups {
        Optional<MediaObject> media(String mediaId);

        boolean hasProduct(String catalogId, String retailerId);

        /** The approved template a {@code template} object names, checked against it. */
        PreparedTemplate template(GraphBody template);

        /** Whether a wamid is a message of another number: such a message must look unknown. */
        boolean foreignMessage(String wamid);
    }

    static Object parse(String type, GraphBody request, Lookups lookups) {
        var kind = MediaKind.ofMessageType(type);
        if (kind.isPresent()) {
            return media(kind.get(), request.requiredObject(type), lookups);
        }
        return switch (type) {
            case "text" -> text(request.requiredObject("text"));
            case "location" -> location(request.requiredObject("location"));
            case "reaction" -> reaction(request.requiredObject("reaction"), lookups);
            case "contacts" -> ContactsContent.parse(request);
            case "interactive" -> InteractiveContent.parse(request.requiredObject("interactive"), lookups);
            default -> throw GraphException.invalidParameter("Message type '" + type
                    + "' is not supported by this server yet.");
        };
    }

    /**
     * An uploaded media file by {@code id}, with a caption (not for audio and stickers) and, for
     * documents, a file name. The customer receives the file's id, type and SHA-256.
     */
    static Map<String, Object> media(MediaKind kind, GraphBody object, Lookups lookups) {
        var type = kind.messageType();
        if (object.has("link") == object.has("id")) {
            throw GraphException.invalidParameter("Param " + type
                    + " needs exactly one of id (an uploaded media id) and link (an http or https URL).");
        }
        String caption = null;
        if (object.has("caption")) {
            if (kind == MediaKind.AUDIO || kind == MediaKind.STICKER) {
                throw GraphException.invalidValue("Param " + object.param("caption") + " is not allowed on "
                        + type + " messages.");
            }
            caption = required(object, "caption", MAX_CAPTION);
        }
        String filename = null;
        if (object.has("filename")) {
            if (kind != MediaKind.DOCUMENT) {
                throw GraphException.invalidValue("Param " + object.param("filename") + " is only allowed on documents.");
            }
            filename = required(object, "filename", MAX_FILENAME);
        }
        var out = new LinkedHashMap<String, Object>();
        if (object.has("link")) {
            // Fetched when the message is dispatched; a link that cannot be fetched fails the message (131053).
            out.put("link", Params.httpUrl(object, "link", MAX_URL));
        } else {
            var id = required(object, "id", 64);
            var found = lookups.media(id).orElseThrow(() -> GraphException.invalidParameter("Param " + object.param("id")
                    + " '" + id + "' is not a media id this business uploaded, or it has expired."));
            if (!kind.accepts(found.mimeType())) {
                throw GraphException.whatsapp(HttpStatus.BAD_REQUEST, 131053, "Media upload error",
                        "Param " + object.param("id") + " is " + found.mimeType() + ", which " + type
                                + " messages cannot carry.");
            }
            out.putAll(MediaLinks.describe(found));
            if (filename == null && kind == MediaKind.DOCUMENT) {
                filename = found.filename();
            }
        }
        if (caption != null) {
            out.put("caption", caption);
        }
        if (filename != null) {
            out.put("filename", filename);
        }
        return out;
    }

    static Map<String, Object> text(GraphBody text) {
        var out = new LinkedHashMap<String, Object>();
        out.put("body", required(text, "body", MAX_TEXT_BODY));
        out.put("preview_url", text.bool("preview_url").orElse(false));
        return out;
    }

    static Map<String, Object> location(GraphBody location) {
        var out = new LinkedHashMap<String, Object>();
        out.put("latitude", coordinate(location, "latitude", 90));
        out.put("longitude", coordinate(location, "longitude", 180));
        optional(location, "name", 1000).ifPresent(name -> out.put("name", name));
        optional(location, "address", 1000).ifPresent(address -> out.put("address", address));
        return out;
    }

    private static double coordinate(GraphBody location, String field, double limit) {
        double value = location.number(field).orElseThrow(() ->
                GraphException.missingParameter("Param " + location.param(field) + " is required."));
        if (value < -limit || value > limit) {
            throw GraphException.invalidValue("Param " + location.param(field) + " must be between -" + (int) limit
                    + " and " + (int) limit + "; got " + value + ".");
        }
        return value;
    }

    /** One emoji, or {@code ""} to take a reaction back. */
    static Map<String, Object> reaction(GraphBody reaction, Lookups lookups) {
        var messageId = required(reaction, "message_id", MAX_WAMID);
        if (lookups.foreignMessage(messageId)) {
            throw GraphException.invalidParameter("Param " + reaction.param("message_id") + " '" + messageId
                    + "' is not a message of this phone number.");
        }
        if (!reaction.json().has("emoji")) {
            throw GraphException.missingParameter("Param " + reaction.param("emoji")
                    + " is required (an empty string removes the reaction).");
        }
        var emoji = reaction.string("emoji").orElse("");
        if (!emoji.isEmpty() && !Emoji.isOne(emoji)) {
            throw GraphException.invalidValue("Param " + reaction.param("emoji")
                    + " must be a single emoji, or an empty string to remove the reaction.");
        }
        var out = new LinkedHashMap<String, Object>();
        out.put("message_id", messageId);
        out.put("emoji", emoji);
        return out;
    }
}
