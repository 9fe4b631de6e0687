package io.openwaba.media;

import io.openwaba.shared.OutboundUrlGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/**
 * Downloads media a message names by link: http(s) only, every hop (up to 3 redirects) checked
 * by the private-target guard, bounded in time.
 */
final class LinkFetcher {

    private static final int MAX_REDIRECTS = 3;

    private final OutboundUrlGuard guard;
    private final Duration timeout;

    LinkFetcher(OutboundUrlGuard guard, Duration timeout) {
        this.guard = guard;
        this.timeout = timeout;
    }

    /** An open response body of a 2xx answer; the caller closes it. */
    Download open(String link) throws MediaUnavailable {
        URI target = checked(link);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpURLConnection connection;
            int status;
            try {
                connection = (HttpURLConnection) target.toURL().openConnection();
                connection.setInstanceFollowRedirects(false);
                connection.setConnectTimeout((int) Math.min(timeout.toMillis(), 5_000));
                connection.setReadTimeout((int) timeout.toMillis());
                connection.setRequestProperty("User-Agent", "openwaba-media");
                status = connection.getResponseCode();
            } catch (IOException | IllegalArgumentException e) {
                throw new MediaUnavailable("the media link " + link + " could not be reached: " + e.getMessage());
            }
            if (status >= 300 && status < 400 && connection.getHeaderField("Location") != null) {
                var location = connection.getHeaderField("Location");
                connection.disconnect();
                try {
                    target = checked(target.resolve(location).toString());
                } catch (IllegalArgumentException malformed) {
                    throw new MediaUnavailable("the media link " + link + " redirects to a malformed URL");
                }
                continue;
            }
            if (status < 200 || status >= 300) {
                connection.disconnect();
                throw new MediaUnavailable("the media link " + link + " answered HTTP " + status);
            }
            try {
                return new Download(new Deadline(connection.getInputStream(), link, timeout.multipliedBy(3)),
                        connection.getContentLengthLong(), connection.getContentType());
            } catch (IOException e) {
                throw new MediaUnavailable("the media link " + link + " could not be read: " + e.getMessage());
            }
        }
        throw new MediaUnavailable("the media link " + link + " redirects more than " + MAX_REDIRECTS + " times");
    }

    private URI checked(String link) throws MediaUnavailable {
        try {
            return guard.check(link, "the media link");
        } catch (OutboundUrlGuard.Refused refused) {
            throw new MediaUnavailable(refused.getMessage());
        }
    }

    record Download(InputStream body, long contentLength, String contentType) {
    }

    /** Gives up on a download that takes longer than its deadline in all, however it trickles in. */
    private static final class Deadline extends java.io.FilterInputStream {
        private final long deadlineNanos;
        private final String link;

        Deadline(InputStream in, String link, Duration limit) {
            super(in);
            this.link = link;
            this.deadlineNanos = System.nanoTime() + limit.toNanos();
        }

        @Override
        public int read() throws IOException {
            check();
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            check();
            return super.read(buffer, offset, length);
        }

        private void check() throws IOException {
            if (System.nanoTime() > deadlineNanos) {
                throw new IOException("the download of " + link + " took too long");
            }
        }
    }
}
