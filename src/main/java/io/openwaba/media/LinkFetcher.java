package io.openwaba.media;

import io.openwaba.shared.OutboundHttp;
import io.openwaba.shared.OutboundUrlGuard;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;

/**
 * Downloads media a message names by link: http(s) only, every hop (up to 3 redirects) checked
 * by the private-target guard and connected to the address it checked, bounded in time.
 */
final class LinkFetcher {

    private static final int MAX_REDIRECTS = 3;

    private final OutboundUrlGuard guard;
    private final CloseableHttpClient client;
    private final Duration timeout;

    LinkFetcher(OutboundUrlGuard guard, Duration timeout) {
        this.guard = guard;
        this.client = OutboundHttp.client(guard, timeout, 32, "openwaba-media");
        this.timeout = timeout;
    }

    /** An open response body of a 2xx answer; the caller closes it. */
    Download open(String link) throws MediaUnavailable {
        return open(link, null);
    }

    /**
     * As {@link #open(String)}, with {@code Authorization: Bearer} while the hops stay on the
     * link's host, so a redirect elsewhere does not get the token.
     */
    Download open(String link, String bearerToken) throws MediaUnavailable {
        URI target = checked(link);
        var origin = target.getScheme() + "://" + target.getRawAuthority();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            var request = new HttpGet(target);
            if (bearerToken != null && origin.equals(target.getScheme() + "://" + target.getRawAuthority())) {
                request.setHeader("Authorization", "Bearer " + bearerToken);
            }
            ClassicHttpResponse response;
            try {
                response = client.executeOpen(null, request, null);
            } catch (IOException | IllegalArgumentException e) {
                throw new MediaUnavailable("the media link " + link + " could not be reached: " + e.getMessage());
            }
            int status = response.getCode();
            var location = response.getFirstHeader("Location");
            if (status >= 300 && status < 400 && location != null) {
                discard(request, response);
                try {
                    target = checked(target.resolve(location.getValue()).toString());
                } catch (IllegalArgumentException malformed) {
                    throw new MediaUnavailable("the media link " + link + " redirects to a malformed URL");
                }
                continue;
            }
            if (status < 200 || status >= 300 || response.getEntity() == null) {
                discard(request, response);
                throw new MediaUnavailable("the media link " + link + " answered HTTP " + status);
            }
            var entity = response.getEntity();
            try {
                return new Download(new Deadline(entity.getContent(), request, link, timeout.multipliedBy(3)),
                        entity.getContentLength(), entity.getContentType());
            } catch (IOException e) {
                discard(request, response);
                throw new MediaUnavailable("the media link " + link + " could not be read: " + e.getMessage());
            }
        }
        throw new MediaUnavailable("the media link " + link + " redirects more than " + MAX_REDIRECTS + " times");
    }

    /** Drops the connection rather than reading an unwanted body to its end, however long it is. */
    private static void discard(HttpGet request, ClassicHttpResponse response) {
        request.cancel();
        try {
            response.close();
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
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
        private final HttpGet request;
        private final String link;

        Deadline(InputStream in, HttpGet request, String link, Duration limit) {
            super(in);
            this.request = request;
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

        @Override
        public void close() throws IOException {
            request.cancel(); // a body left unread is dropped with its connection, not drained
            super.close();
        }

        private void check() throws IOException {
            if (System.nanoTime() > deadlineNanos) {
                throw new IOException("the download of " + link + " took too long");
            }
        }
    }
}
