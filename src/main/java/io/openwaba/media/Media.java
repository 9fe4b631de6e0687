package io.openwaba.media;

import io.openwaba.graph.GraphException;
import io.openwaba.numbers.PhoneNumber;
import io.openwaba.shared.Caller;
import io.openwaba.shared.NodeIds;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Uploaded and fetched media: stored once, described by id, typed by content, kept 30 days
 * (as WhatsApp keeps uploads). Other modules use it to check the media a message names.
 */
@Service
public class Media {

    static final Duration LIFETIME = Duration.ofDays(30);

    private final MediaRows rows;
    private final MediaStorage storage;
    private final Clock clock;

    Media(MediaRows rows, Clock clock, @Value("${openwaba.data-dir}") String dataDir) {
        this.rows = rows;
        this.clock = clock;
        this.storage = new DiskMediaStorage(Path.of(dataDir, "media"));
    }

    /** Stores a file uploaded through a business number; its type comes from its content. */
    public MediaObject upload(PhoneNumber number, String filename, String declaredType, InputStream content) {
        try {
            byte[] head = content.readNBytes(ContentSniffer.HEAD);
            var mimeType = ContentSniffer.mimeType(head, declaredType, filename).orElseThrow(() ->
                    uploadError("The file's content is not a type WhatsApp accepts (JPEG, PNG, WebP, MP4, 3GP, AAC,"
                            + " AMR, MP3, M4A, OGG, PDF, Office documents or plain text)."));
            var kind = MediaKind.of(mimeType).orElseThrow();
            long max = kind == MediaKind.STICKER && !ContentSniffer.isAnimatedWebp(head) ? 100 * MediaKind.KB
                    : kind.maxBytes();
            MediaStorage.Stored stored;
            try {
                stored = storage.store(new SequenceInputStream(new ByteArrayInputStream(head), content), max);
            } catch (MediaStorage.TooLarge e) {
                throw uploadError("The file is a " + mimeType + " larger than the " + describe(max)
                        + " WhatsApp allows for " + kind.messageType() + " media.");
            }
            var now = clock.instant();
            var media = new MediaObject(NodeIds.next(), number.businessId(), number.id(), mimeType, stored.sha256(),
                    stored.size(), cleanFilename(filename), now, now.plus(LIFETIME));
            try {
                rows.insert(media, stored.key());
            } catch (RuntimeException e) {
                storage.delete(stored.key());
                throw e;
            }
            return media;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The media the caller may see (its business uploaded it), while it has not expired. */
    public Optional<MediaObject> find(Caller caller, String id) {
        return rows.find(id, clock.instant()).map(MediaRows.Row::media).filter(m -> caller.owns(m.businessId()));
    }

    /** The media a business may send in a message. */
    public Optional<MediaObject> usableBy(String businessId, String id) {
        return rows.find(id, clock.instant()).map(MediaRows.Row::media).filter(m -> m.businessId().equals(businessId));
    }

    public Optional<InputStream> open(Caller caller, String id) {
        return rows.find(id, clock.instant()).filter(row -> caller.owns(row.media().businessId())).map(row -> {
            try {
                return storage.open(row.storageKey());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    public boolean delete(Caller caller, String id) {
        var row = rows.find(id, clock.instant()).filter(r -> caller.owns(r.media().businessId()));
        if (row.isEmpty() || !rows.delete(id)) {
            return false;
        }
        try {
            storage.delete(row.get().storageKey());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return true;
    }

    private static GraphException uploadError(String details) {
        return GraphException.whatsapp(HttpStatus.BAD_REQUEST, 131053, "Media upload error", details);
    }

    private static String describe(long bytes) {
        return bytes >= MediaKind.MB ? bytes / MediaKind.MB + " MB" : bytes / MediaKind.KB + " KB";
    }

    private static String cleanFilename(String filename) {
        if (filename == null || filename.isBlank()) {
            return null;
        }
        var base = filename.replaceAll(".*[/\\\\]", "").strip();
        return base.length() > 240 ? base.substring(0, 240) : base;
    }
}
