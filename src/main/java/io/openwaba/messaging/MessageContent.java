package io.openwaba.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an outbound message carries, of any WhatsApp type. The common ones are typed; any type
 * can also be given as its Cloud API object ({@link CloudApi}), which is how the Graph API hands
 * over what a client sent. Every content is checked by the same rules, whoever sends it.
 */
public sealed interface MessageContent {

    /** The message type: {@code text}, {@code image}, {@code template} … */
    String type();

    /** The object under the type's key, as the Cloud API writes it (a list for {@code contacts}). */
    Object cloudApiObject();

    record Text(String body, boolean previewUrl) implements MessageContent {
        public Text(String body) {
            this(body, false);
        }

        @Override
        public String type() {
            return "text";
        }

        @Override
        public Object cloudApiObject() {
            var text = new LinkedHashMap<String, Object>();
            text.put("body", body);
            text.put("preview_url", previewUrl);
            return text;
        }
    }

    /** An image, video, audio, document or sticker: an uploaded media id or a link, with optional caption and file name. */
    record Media(String type, String mediaId, String link, String caption, String filename) implements MessageContent {
        public static Media uploaded(String type, String mediaId) {
            return new Media(type, mediaId, null, null, null);
        }

        public static Media linked(String type, String link) {
            return new Media(type, null, link, null, null);
        }

        public Media withCaption(String newCaption) {
            return new Media(type, mediaId, link, newCaption, filename);
        }

        @Override
        public Object cloudApiObject() {
            var media = new LinkedHashMap<String, Object>();
            putIfPresent(media, "id", mediaId);
            putIfPresent(media, "link", link);
            putIfPresent(media, "caption", caption);
            putIfPresent(media, "filename", filename);
            return media;
        }
    }

    record Location(double latitude, double longitude, String name, String address) implements MessageContent {
        @Override
        public String type() {
            return "location";
        }

        @Override
        public Object cloudApiObject() {
            var location = new LinkedHashMap<String, Object>();
            location.put("latitude", latitude);
            location.put("longitude", longitude);
            putIfPresent(location, "name", name);
            putIfPresent(location, "address", address);
            return location;
        }
    }

    /** One emoji on a message the customer sent or received; an empty emoji takes the reaction back. */
    record Reaction(String messageId, String emoji) implements MessageContent {
        @Override
        public String type() {
            return "reaction";
        }

        @Override
        public Object cloudApiObject() {
            return Map.of("message_id", messageId, "emoji", emoji);
        }
    }

    /**
     * An approved template by name and language, with its components' parameters as the Cloud
     * API writes them ({@code [{"type": "body", "parameters": [...]}]}).
     */
    record Template(String name, String language, List<Map<String, Object>> components) implements MessageContent {

        /** A template whose body takes these text parameters, in order. */
        public static Template withBodyText(String name, String language, String... bodyParameters) {
            if (bodyParameters.length == 0) {
                return new Template(name, language, List.of());
            }
            var parameters = new ArrayList<Map<String, Object>>();
            for (String parameter : bodyParameters) {
                parameters.add(Map.of("type", "text", "text", parameter));
            }
            return new Template(name, language, List.of(Map.of("type", "body", "parameters", parameters)));
        }

        @Override
        public String type() {
            return "template";
        }

        @Override
        public Object cloudApiObject() {
            var template = new LinkedHashMap<String, Object>();
            template.put("name", name);
            template.put("language", Map.of("code", language));
            if (!components.isEmpty()) {
                template.put("components", components);
            }
            return template;
        }
    }

    /** Any type as its Cloud API object: interactive messages, contact cards, or what a Graph client sent. */
    record CloudApi(String type, Object cloudApiObject) implements MessageContent {
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
