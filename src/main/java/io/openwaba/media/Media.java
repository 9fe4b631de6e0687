package io.openwaba.media;

import io.openwaba.graph.GraphException;
import io.openwaba.numbers.PhoneNumber;
import io.openwaba.shared.Caller;
import io.openwaba.shared.MetaError;
import io.openwaba.shared.NodeIds;
import io.openwaba.shared.OutboundUrlGuard;
import io.openwaba.shared.WallClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Uploaded and fetched media: stored once, described by id, typed by content, kept 30 days
 * (as WhatsApp keeps uploads). Other modules use it to check the media a message names.
 */
@Service
public class Media {

    static final Duration LIFETIME = Duration.ofDays(30);
    static final Duration INBOUND_LIFETIME = Duration.ofDays(7);

    private final MediaRows rows;
    private final MediaStorage storage;
    private final Clock clock;
    private final LinkFetcher fetcher;
    private final ObjectProvider<MediaRelay> relay;
    private final Map<String, CompletableFuture<MediaObject>> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Failure> recentFailures = new ConcurrentHashMap<>();
    static final Duration FAILURE_MEMORY = Duration.ofMinutes(1);
    /** Failures are remembered in real time: advancing the sandbox clock should not retry dead links. */
    private final WallClock wall;

    private record Failure(String reason, java.time.Instant at) {
    }

    Media(MediaRows rows, Clock clock, WallClock wall, OutboundUrlGuard guard, MediaStorage storage,
          ObjectProvider<MediaRelay> relay) {
        this.rows = rows;
        this.relay = relay;
        this.clock = clock;
        this.wall = wall;
        this.storage = storage;
        this.fetcher = new LinkFetcher(guard, Duration.ofSeconds(10));
    }

    /**
     * Stores a file uploaded through a business number; its type comes from its content. With a
     * {@link MediaRelay} (cloud mode) the file is copied to Meta too, and Meta's refusal is the
     * upload's answer, with nothing kept.
     */
    public MediaObject upload(PhoneNumber number, String filename, String declaredType, InputStream content) {
        var result = store(number, filename, declaredType, content);
        if (result instanceof Uploaded.Refused refused) {
            throw GraphException.of(refused.error());
        }
        return ((Uploaded.Stored) result).media();
    }

    /** What became of an upload: stored, or refused with WhatsApp's error (and nothing kept). */
    public sealed interface Uploaded {
        record Stored(MediaObject media) implements Uploaded {
        }

        record Refused(MetaError error) implements Uploaded {
        }
    }

    /** {@link #upload}, answering a refusal as a value: for the console's attachments. */
    public Uploaded store(PhoneNumber number, String filename, String declaredType, InputStream content) {
        try {
            var stored = store(number.businessId(), number.id(), filename, declaredType, content, null, null);
            var meta = relay.getIfAvailable();
            if (meta != null) {
                var refused = meta.uploaded(number, openStored(stored.id()));
                if (refused.isPresent()) {
                    deleteStored(stored.id());
                    return new Uploaded.Refused(refused.get());
                }
            }
            return new Uploaded.Stored(stored);
        } catch (MediaUnavailable refused) {
            return new Uploaded.Refused(MetaError.whatsapp(131053, "Media upload error", refused.getMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A file a customer sent to a business number, typed by its content and kept 7 days, as
     * WhatsApp keeps the media of inbound webhooks; the business reads it like an upload.
     */
    public MediaObject receive(String businessId, String phoneNumberId, String filename, byte[] content,
                               MediaKind expected) throws MediaUnavailable {
        try {
            return store(businessId, phoneNumberId, filename, null, new ByteArrayInputStream(content), expected, null,
                    INBOUND_LIFETIME);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A file a customer sent, downloaded from {@code url} (Meta's media URL in cloud mode) with the
     * bearer token, through the outbound-URL guard and no larger than WhatsApp allows for its kind;
     * kept 7 days like {@link #receive}.
     */
    public MediaObject download(String businessId, String phoneNumberId, String url, String bearerToken,
                                String filename, MediaKind expected) throws MediaUnavailable {
        var download = fetcher.open(url, bearerToken);
        if (download.contentLength() > expected.maxBytes()) {
            closeQuietly(download.body());
            throw new MediaUnavailable("the media at " + url + " is " + download.contentLength()
                    + " bytes, more than the " + describe(expected.maxBytes()) + " " + expected.messageType()
                    + " media may have");
        }
        try (var body = download.body()) {
            return store(businessId, phoneNumberId, filename, download.contentType(), body, expected, null,
                    INBOUND_LIFETIME);
        } catch (IOException | IllegalArgumentException e) {
            throw new MediaUnavailable("the media at " + url + " could not be read: " + e.getMessage());
        }
    }

    /**
     * The media a message names by link, fetched once per business and kept like an upload: a
     * link sent again while it is kept is not fetched again.
     */
    public MediaObject fetch(String businessId, String phoneNumberId, String link, MediaKind kind)
            throws MediaUnavailable {
        // Messages naming the same link at the same time on this node wait for one download,
        // and a link that just failed is not tried again for a minute (a broadcast names it thousands of times).
        var key = businessId + " " + link;
        var failure = recentFailures.get(key);
        if (failure != null && failure.at().plus(FAILURE_MEMORY).isAfter(wall.instant())) {
            throw new MediaUnavailable(failure.reason());
        }
        var mine = new CompletableFuture<MediaObject>();
        var running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                var found = running.join();
                if (!kind.accepts(found.mimeType())) {
                    throw new MediaUnavailable(notFor(kind, found.mimeType(), link));
                }
                return found;
            } catch (CompletionException e) {
                throw e.getCause() instanceof MediaUnavailable unavailable ? unavailable
                        : new MediaUnavailable("the media link " + link + " could not be fetched: " + e.getCause());
            }
        }
        try {
            var found = fetchOnce(businessId, phoneNumberId, link, kind);
            mine.complete(found);
            return found;
        } catch (MediaUnavailable e) {
            if (recentFailures.size() > 10_000) {
                var horizon = wall.instant().minus(FAILURE_MEMORY);
                recentFailures.values().removeIf(old -> old.at().isBefore(horizon));
            }
            recentFailures.put(key, new Failure(e.getMessage(), wall.instant()));
            mine.completeExceptionally(e);
            throw e;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private MediaObject fetchOnce(String businessId, String phoneNumberId, String link, MediaKind kind)
            throws MediaUnavailable {
        var known = rows.fetched(businessId, link, clock.instant());
        if (known.isPresent()) {
            if (!kind.accepts(known.get().mimeType())) {
                throw new MediaUnavailable(notFor(kind, known.get().mimeType(), link));
            }
            return known.get();
        }
        var download = fetcher.open(link);
        if (download.contentLength() > kind.maxBytes()) {
            closeQuietly(download.body());
            throw new MediaUnavailable("the media link " + link + " is " + download.contentLength()
                    + " bytes, more than the " + describe(kind.maxBytes()) + " " + kind.messageType() + " media may have");
        }
        try (var body = download.body()) {
            var filename = URI.create(link).getPath().replaceAll(".*/", "");
            return store(businessId, phoneNumberId, filename, download.contentType(), body, kind, link);
        } catch (IOException | IllegalArgumentException e) {
            throw new MediaUnavailable("the media link " + link + " could not be read: " + e.getMessage());
        }
    }

    private MediaObject store(String businessId, String phoneNumberId, String filename, String declaredType,
                              InputStream content, MediaKind expected, String sourceUrl)
            throws IOException, MediaUnavailable {
        return store(businessId, phoneNumberId, filename, declaredType, content, expected, sourceUrl, LIFETIME);
    }

    private MediaObject store(String businessId, String phoneNumberId, String filename, String declaredType,
                              InputStream content, MediaKind expected, String sourceUrl, Duration lifetime)
            throws IOException, MediaUnavailable {
        var origin = sourceUrl == null ? "The file" : "The media link " + sourceUrl;
        byte[] head = content.readNBytes(ContentSniffer.HEAD);
        var mimeType = ContentSniffer.mimeType(head, declaredType, filename).orElseThrow(() ->
                new MediaUnavailable(origin + " is not a type WhatsApp accepts (JPEG, PNG, WebP, MP4, 3GP, AAC,"
                        + " AMR, MP3, M4A, OGG, PDF, Office documents or plain text)."));
        if (expected != null && !expected.accepts(mimeType)) {
            throw new MediaUnavailable(notFor(expected, mimeType, sourceUrl));
        }
        var kind = MediaKind.of(mimeType).orElseThrow();
        long max = kind == MediaKind.STICKER && !ContentSniffer.isAnimatedWebp(head) ? 100 * MediaKind.KB
                : kind.maxBytes();
        MediaStorage.Stored stored;
        try {
            stored = storage.store(new SequenceInputStream(new ByteArrayInputStream(head), content), max);
        } catch (MediaStorage.TooLarge e) {
            throw new MediaUnavailable(origin + " is " + mimeType + " and larger than the " + describe(max)
                    + " WhatsApp allows for " + kind.messageType() + " media.");
        }
        var now = clock.instant();
        var media = new MediaObject(NodeIds.next(), businessId, phoneNumberId, mimeType, stored.sha256(),
                stored.size(), cleanFilename(filename), now, now.plus(lifetime));
        try {
            rows.insert(media, stored.key(), sourceUrl);
        } catch (RuntimeException e) {
            storage.delete(stored.key());
            throw e;
        }
        return media;
    }

    private static String notFor(MediaKind kind, String mimeType, String link) {
        return (link == null ? "the file" : "the media link " + link) + " is " + mimeType + ", which "
                + kind.messageType() + " messages cannot carry";
    }

    /** Whether a stored WebP sticker is animated (its header says so). */
    public boolean isAnimated(byte[] content) {
        return ContentSniffer.isAnimatedWebp(content);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the download is abandoned anyway
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

    /** A media file and its bytes; the caller closes the stream. */
    public record Download(MediaObject media, InputStream content) {
    }

    /** The bytes of media the caller may see; empty when unknown, expired or gone from the store. */
    public Optional<Download> open(Caller caller, String id) {
        return rows.find(id, clock.instant()).filter(row -> caller.owns(row.media().businessId())).flatMap(row -> {
            try {
                return Optional.of(new Download(row.media(), storage.open(row.storageKey())));
            } catch (java.nio.file.NoSuchFileException gone) {
                return Optional.empty();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The bytes of media the business owns, to be copied elsewhere; the caller closes the stream. */
    public Optional<Download> openOwned(String businessId, String id) {
        return usableBy(businessId, id).map(found -> openStored(found.id()));
    }

    private Download openStored(String id) {
        var row = rows.find(id, clock.instant()).orElseThrow();
        try {
            return new Download(row.media(), storage.open(row.storageKey()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void deleteStored(String id) {
        rows.find(id, clock.instant()).ifPresent(row -> {
            rows.delete(id);
            try {
                storage.delete(row.storageKey());
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
