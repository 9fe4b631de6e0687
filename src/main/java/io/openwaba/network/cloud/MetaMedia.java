package io.openwaba.network.cloud;

import io.openwaba.media.Media;
import io.openwaba.media.MediaKind;
import io.openwaba.media.MediaObject;
import io.openwaba.media.MediaRelay;
import io.openwaba.media.MediaUnavailable;
import io.openwaba.messaging.MessageError;
import io.openwaba.network.OnCloud;
import io.openwaba.numbers.PhoneNumber;
import io.openwaba.numbers.PhoneNumbers;
import io.openwaba.shared.MetaError;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;

/**
 * Media between openwaba and Meta. An upload is copied to Meta's {@code /{meta-phone-number-id}/media}
 * and Meta's id kept beside ours; the business only ever sees ours. A customer's media is fetched
 * from Meta ({@code GET /{media-id}} for its URL, then the URL, both with the number's token) and
 * stored as ours.
 */
@OnCloud
@Component
class MetaMedia implements MediaRelay {

    /** A media id of a message could not be copied to Meta; {@code retry} when Meta was not reached. */
    static final class NotCopied extends Exception {
        private final transient MessageError error;
        private final boolean retry;

        NotCopied(MessageError error, boolean retry) {
            super(error.details());
            this.error = error;
            this.retry = retry;
        }

        MessageError error() {
            return error;
        }

        boolean retry() {
            return retry;
        }
    }

    private final CloudLinks links;
    private final BrokenLinks brokenLinks;
    private final MetaGraph meta;
    private final CloudMediaRows rows;
    private final Media media;
    private final PhoneNumbers numbers;
    private final Clock clock;

    MetaMedia(CloudLinks links, BrokenLinks brokenLinks, MetaGraph meta, CloudMediaRows rows, Media media,
              PhoneNumbers numbers, Clock clock) {
        this.links = links;
        this.brokenLinks = brokenLinks;
        this.meta = meta;
        this.rows = rows;
        this.media = media;
        this.numbers = numbers;
        this.clock = clock;
    }

    /** A number not linked yet keeps the upload here only: it is copied to Meta when a message first names it. */
    @Override
    public Optional<MetaError> uploaded(PhoneNumber number, Media.Download file) {
        var link = links.find(number.id());
        if (link.isEmpty()) {
            closeQuietly(file);
            return Optional.empty();
        }
        try {
            copy(link.get(), file);
            return Optional.empty();
        } catch (Refused refused) {
            return Optional.of(refused.error);
        }
    }

    /** Meta's id for our media, copied to Meta through the number now if it has no copy there yet. */
    String metaId(CloudLinks.Link link, String mediaId) throws NotCopied {
        var known = rows.metaMediaId(mediaId, link.phoneNumberId());
        if (known.isPresent()) {
            return known.get();
        }
        var number = numbers.find(link.phoneNumberId()).orElseThrow();
        var file = media.openOwned(number.businessId(), mediaId).orElseThrow(() -> new NotCopied(new MessageError(
                131053, "Media upload error", "Media " + mediaId + " does not exist, has expired or is not yours."),
                false));
        try {
            return copy(link, file);
        } catch (Refused refused) {
            return refused.rethrown();
        }
    }

    private String copy(CloudLinks.Link link, Media.Download file) throws Refused {
        var stored = file.media();
        MetaGraph.Answer answer;
        try {
            answer = meta.upload(link.metaPhoneNumberId() + "/media", link.token(), stored.filename(), stored.mimeType(),
                    file.content());
        } catch (MetaGraph.NotSent | MetaGraph.Unanswered lost) {
            throw new Refused(MetaGraph.unreachable(lost), true);
        }
        var metaId = answer.body().path("id").asString("");
        if (!answer.ok() || metaId.isEmpty()) {
            throw new Refused(brokenLinks.refusal(link.phoneNumberId(), answer), false);
        }
        try {
            rows.save(stored.id(), link.phoneNumberId(), metaId, clock.instant());
        } catch (DuplicateKeyException raced) {
            // another send copied it at the same moment: either copy serves
        }
        return rows.metaMediaId(stored.id(), link.phoneNumberId()).orElse(metaId);
    }

    /**
     * A customer's media from Meta, stored as ours for the number's business; why not when it
     * could not be had.
     */
    MediaObject download(CloudLinks.Link link, String metaMediaId, MediaKind kind, String filename)
            throws MediaUnavailable {
        var number = numbers.find(link.phoneNumberId()).orElseThrow();
        MetaGraph.Answer described;
        try {
            described = meta.get(metaMediaId, link.token());
        } catch (MetaGraph.NotSent | MetaGraph.Unanswered lost) {
            throw new MediaUnavailable("Meta did not describe media " + metaMediaId + ": " + lost.getMessage());
        }
        var url = described.body().path("url").asString("");
        if (!described.ok() || url.isEmpty()) {
            throw new MediaUnavailable("Meta did not describe media " + metaMediaId + ": HTTP " + described.status() + " "
                    + described.body().path("error").path("message").asString(""));
        }
        return media.download(number.businessId(), number.id(), url, link.token(), filename, kind);
    }

    private static final class Refused extends Exception {
        private final transient MetaError error;
        private final boolean retry;

        Refused(MetaError error, boolean retry) {
            super(error.message());
            this.error = error;
            this.retry = retry;
        }

        String rethrown() throws NotCopied {
            var details = error.details() == null ? error.title() : error.title() + ": " + error.details();
            throw new NotCopied(new MessageError(131053, "Media upload error",
                    "Meta refused the media copy: " + details), retry);
        }
    }

    private static void closeQuietly(Media.Download file) {
        try {
            file.content().close();
        } catch (IOException ignored) {
            // nothing was read from it
        }
    }
}
