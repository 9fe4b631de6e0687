package io.openwaba.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Where the measured requests go: host, port and path prefix of {@code --base-url}, as prepared bytes. */
public record Target(boolean https, String host, int port, String hostHeader, String basePath) {
    public static final byte[] END_OF_HEAD = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    public static Target of(String baseUrl) {
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--base-url " + baseUrl + " is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("--base-url must be http://host[:port][/path] or https://...");
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        String hostHeader = uri.getPort() != -1 ? uri.getHost() + ":" + uri.getPort() : uri.getHost();
        String basePath = uri.getRawPath() == null ? "" : uri.getRawPath();
        return new Target(https, uri.getHost(), port, hostHeader, basePath);
    }

    /**
     * The request line and headers: complete for a request without body, up to and including
     * {@code "Content-Length: "} when {@code withBody}, to be followed by the length, {@link #END_OF_HEAD}
     * and the JSON body.
     */
    public byte[] requestHead(String method, String path, String bearerToken, boolean withBody) {
        StringBuilder head = new StringBuilder(256)
                .append(method).append(' ').append(basePath).append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n");
        if (bearerToken != null) {
            head.append("Authorization: Bearer ").append(bearerToken).append("\r\n");
        }
        head.append(withBody ? "Content-Type: application/json\r\nContent-Length: " : "\r\n");
        return head.toString().getBytes(StandardCharsets.UTF_8);
    }

    Socket connect() throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            if (!https) {
                return socket;
            }
            SSLSocket tls = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(socket, host, port, true);
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            return tls;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }
}
