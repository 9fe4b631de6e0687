package io.openwaba.bench.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import static io.openwaba.bench.shared.Elapsed.now;

/**
 * One HTTP/1.1 keep-alive connection on a blocking socket, used by one thread: the request goes out in
 * one write, the response is read through a reused buffer (status line, headers up to the empty line,
 * then the body by Content-Length, chunked, or up to the close). It reconnects when the server closed
 * the connection ({@code Connection: close}, or an idle connection found closed when reused; such a
 * request is sent again once on a new connection, as it cannot have reached the server).
 *
 * <p>The socket has no read timeout, since a timed read on a blocking socket costs two more system
 * calls (a non-blocking read and a poll); instead {@link #expire} closes the socket of a request that
 * has run longer than the request timeout, from the driver's watchdog thread.
 */
final class Connection {
    private static final int MAX_LINE = 8192;
    private static final int MAX_BODY = 16 << 20;
    private static final long TIMEOUT_NANOS = Driver.REQUEST_TIMEOUT.toNanos();

    private final Target target;
    private final byte[] buffer = new byte[16 * 1024];
    private final byte[] line = new byte[MAX_LINE];
    private final Response response = new Response();
    private int pos;
    private int limit;
    private boolean received;
    private Socket socket;
    private InputStream input;
    private OutputStream output;
    /** Guarded by this: 0 when idle, the time the request in flight times out, -1 once it timed out. */
    private long deadline;
    long opened;
    long staleRetries;

    Connection(Target target) {
        this.target = target;
    }

    Response exchange(byte[] request, int length) throws IOException {
        long requestDeadline = now() + TIMEOUT_NANOS;
        synchronized (this) {
            deadline = requestDeadline;
        }
        try {
            boolean reused = socket != null && pos == limit;
            if (!reused) {
                close();
                open();
            }
            try {
                return attempt(request, length);
            } catch (IOException e) {
                close();
                if (timedOut()) {
                    throw timeout();
                }
                if (!reused || received || e instanceof SocketTimeoutException) {
                    throw e;
                }
            }
            staleRetries++;
            open();
            try {
                return attempt(request, length);
            } catch (IOException e) {
                close();
                throw timedOut() ? timeout() : e;
            }
        } finally {
            synchronized (this) {
                if (deadline < 0) {
                    closeSocket();
                }
                deadline = 0;
            }
        }
    }

    /** Called by the watchdog: aborts the request in flight when it is past its deadline. */
    synchronized void expire(long at) {
        if (deadline > 0 && at > deadline) {
            deadline = -1;
            closeSocket();
        }
    }

    synchronized void close() {
        closeSocket();
    }

    private Response attempt(byte[] request, int length) throws IOException {
        received = false;
        output.write(request, 0, length);
        readResponse();
        if (response.close) {
            close();
        }
        return response;
    }

    private void open() throws IOException {
        Socket opening = target.connect();
        synchronized (this) {
            if (deadline < 0) {
                opening.close();
                throw timeout();
            }
            socket = opening;
        }
        input = opening.getInputStream();
        output = opening.getOutputStream();
        pos = 0;
        limit = 0;
        opened++;
    }

    private synchronized boolean timedOut() {
        return deadline < 0;
    }

    private void closeSocket() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }

    private static SocketTimeoutException timeout() {
        return new SocketTimeoutException("no complete response within " + Driver.REQUEST_TIMEOUT.toSeconds() + " s");
    }

    private void readResponse() throws IOException {
        Response r = response;
        int status;
        do {
            status = readHead(r);
        } while (status / 100 == 1 && status != 101);
        if (status == 101) {
            throw new ProtocolException("unexpected 101 Switching Protocols");
        }
        r.status = status;
        r.body.reset();
        if (status == 204 || status == 304) {
            return;
        }
        if (r.chunked) {
            readChunked(r.body);
        } else if (r.contentLength >= 0) {
            readFixed(r.body, r.contentLength);
        } else {
            readToEnd(r.body);
            r.close = true;
        }
    }

    /** Reads the status line and the headers, returns the status code. */
    private int readHead(Response r) throws IOException {
        int n = readLine();
        if (n < 12 || !startsWith(line, "HTTP/1.") || line[8] != ' '
                || !isDigit(line[9]) || !isDigit(line[10]) || !isDigit(line[11])) {
            throw new ProtocolException("bad status line: " + new String(line, 0, n, StandardCharsets.ISO_8859_1));
        }
        int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        r.close = line[7] == '0';
        r.chunked = false;
        r.contentLength = -1;
        while ((n = readLine()) > 0) {
            int colon = 0;
            while (colon < n && line[colon] != ':') {
                colon++;
            }
            if (colon == 0 || colon == n) {
                throw new ProtocolException("bad header line");
            }
            int from = colon + 1;
            while (from < n && (line[from] == ' ' || line[from] == '\t')) {
                from++;
            }
            int to = n;
            while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
                to--;
            }
            if (nameIs(colon, "content-length")) {
                r.contentLength = parseLength(from, to);
            } else if (nameIs(colon, "transfer-encoding")) {
                r.chunked = contains(from, to, "chunked");
            } else if (nameIs(colon, "connection")) {
                if (contains(from, to, "close")) {
                    r.close = true;
                } else if (contains(from, to, "keep-alive")) {
                    r.close = false;
                }
            }
        }
        return status;
    }

    private void readChunked(Bytes body) throws IOException {
        while (true) {
            int n = readLine();
            long size = 0;
            int i = 0;
            for (; i < n; i++) {
                int digit = Character.digit(line[i], 16);
                if (digit < 0) {
                    break;
                }
                size = size * 16 + digit;
                if (size > MAX_BODY) {
                    throw new ProtocolException("chunk larger than " + MAX_BODY + " bytes");
                }
            }
            if (i == 0 || i < n && line[i] != ';' && line[i] != ' ' && line[i] != '\t') {
                throw new ProtocolException("bad chunk size line");
            }
            if (size == 0) {
                while (readLine() > 0) {
                    // trailer fields are ignored
                }
                return;
            }
            readFixed(body, size);
            if (readLine() != 0) {
                throw new ProtocolException("chunk not followed by CRLF");
            }
        }
    }

    private void readFixed(Bytes body, long length) throws IOException {
        if (body.length() + length > MAX_BODY) {
            throw new ProtocolException("response body larger than " + MAX_BODY + " bytes");
        }
        long remaining = length;
        while (remaining > 0) {
            if (pos == limit) {
                fill();
            }
            int count = (int) Math.min(limit - pos, remaining);
            body.append(buffer, pos, count);
            pos += count;
            remaining -= count;
        }
    }

    private void readToEnd(Bytes body) throws IOException {
        while (true) {
            if (pos == limit) {
                int n = input.read(buffer, 0, buffer.length);
                if (n < 0) {
                    return;
                }
                pos = 0;
                limit = n;
            }
            if (body.length() + limit - pos > MAX_BODY) {
                throw new ProtocolException("response body larger than " + MAX_BODY + " bytes");
            }
            body.append(buffer, pos, limit - pos);
            pos = limit;
        }
    }

    /** Reads one line into {@link #line} without its CRLF (or bare LF) and returns its length. */
    private int readLine() throws IOException {
        int n = 0;
        while (true) {
            if (pos == limit) {
                fill();
            }
            byte b = buffer[pos++];
            if (b == '\n') {
                return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            }
            if (n == MAX_LINE) {
                throw new ProtocolException("response line longer than " + MAX_LINE + " bytes");
            }
            line[n++] = b;
        }
    }

    private void fill() throws IOException {
        int n = input.read(buffer, 0, buffer.length);
        if (n < 0) {
            throw new EOFException(received ? "connection closed within the response"
                    : "connection closed before the response");
        }
        received = true;
        pos = 0;
        limit = n;
    }

    private boolean nameIs(int length, String lowerCaseName) {
        if (length != lowerCaseName.length()) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((line[i] | 0x20) != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether line[from, to) contains the lower-case ASCII token, ignoring case. */
    private boolean contains(int from, int to, String token) {
        outer:
        for (int start = from; start + token.length() <= to; start++) {
            for (int i = 0; i < token.length(); i++) {
                int c = line[start + i];
                if (c >= 'A' && c <= 'Z') {
                    c += 'a' - 'A';
                }
                if (c != token.charAt(i)) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private long parseLength(int from, int to) throws ProtocolException {
        if (from == to || to - from > 18) {
            throw new ProtocolException("bad Content-Length");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (!isDigit(line[i])) {
                throw new ProtocolException("bad Content-Length");
            }
            value = value * 10 + (line[i] - '0');
        }
        return value;
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
