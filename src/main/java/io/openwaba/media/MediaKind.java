package io.openwaba.media;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** What WhatsApp accepts per message type: its MIME types and its largest file. */
public enum MediaKind {
    AUDIO(16L << 20, Set.of("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg")),
    DOCUMENT(100L << 20, Set.of("text/plain", "application/pdf", "application/msword",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.ms-excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation")),
    IMAGE(5L << 20, Set.of("image/jpeg", "image/png")),
    VIDEO(16L << 20, Set.of("video/mp4", "video/3gpp")),
    /** Static stickers may have 100 KB, animated ones 500 KB. */
    STICKER(500L << 10, Set.of("image/webp"));

    static final long KB = 1L << 10;
    static final long MB = 1L << 20;

    private final long maxBytes;
    private final Set<String> mimeTypes;

    MediaKind(long maxBytes, Set<String> mimeTypes) {
        this.maxBytes = maxBytes;
        this.mimeTypes = mimeTypes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public boolean accepts(String mimeType) {
        return mimeTypes.contains(mimeType);
    }

    /** The message type this kind is sent as ({@code image}, {@code sticker} …). */
    public String messageType() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MediaKind> ofMessageType(String type) {
        for (MediaKind kind : values()) {
            if (kind.messageType().equals(type)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The kind a stored file belongs to; WebP is a sticker. */
    static Optional<MediaKind> of(String mimeType) {
        for (MediaKind kind : values()) {
            if (kind.accepts(mimeType)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
