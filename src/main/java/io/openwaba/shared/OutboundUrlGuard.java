package io.openwaba.shared;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Refuses URLs the platform is asked to call (webhook callbacks, media links) that would make it
 * call into its own network (server-side request forgery): loopback, private, link-local (cloud
 * metadata), unique-local, multicast and wildcard addresses, unless private targets are allowed
 * ({@code openwaba.webhooks.allow-private-targets}).
 */
public final class OutboundUrlGuard {

    /** Why a URL may not be called; the message is meant for the API's caller. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private final boolean allowPrivateTargets;

    public OutboundUrlGuard(boolean allowPrivateTargets) {
        this.allowPrivateTargets = allowPrivateTargets;
    }

    /** The parsed URL, or {@link Refused} saying why it may not be called; {@code noun} names it ("the callback URL"). */
    public URI check(String url, String noun) {
        if (url == null || url.isBlank() || url.length() > 2048) {
            throw new Refused(noun + " is required and at most 2048 characters long");
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new Refused(noun + " is not a valid URL: " + e.getReason());
        }
        var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused(noun + " must be http or https");
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw new Refused(noun + " needs a host and no user info");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            if (allowPrivateTargets) {
                return uri; // the call itself will fail; nothing to protect
            }
            throw new Refused(noun + "'s host " + uri.getHost() + " does not resolve");
        }
        for (InetAddress address : addresses) {
            // Link-local holds cloud metadata services: never a webhook receiver or a media server.
            if (address.isLinkLocalAddress()) {
                throw new Refused(noun + "'s host " + uri.getHost() + " resolves to " + address.getHostAddress()
                        + ", a link-local address (cloud metadata); such targets are always refused");
            }
        }
        if (allowPrivateTargets) {
            return uri;
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                throw new Refused(noun + "'s host " + uri.getHost() + " resolves to "
                        + address.getHostAddress() + ", a private or local address;"
                        + " set openwaba.webhooks.allow-private-targets=true to allow it");
            }
        }
        return uri;
    }

    public static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] raw = address.getAddress();
        if (address instanceof Inet6Address) {
            return (raw[0] & 0xfe) == 0xfc; // fc00::/7 unique local
        }
        int first = raw[0] & 0xff;
        int second = raw[1] & 0xff;
        return first == 0 || (first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 carrier-grade NAT
                || (first == 198 && (second == 18 || second == 19)); // 198.18.0.0/15 benchmarking
    }
}
