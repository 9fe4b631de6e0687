package io.openwaba.shared;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Refuses URLs the platform is asked to call (webhook callbacks, media links) that would make it
 * call into its own network (server-side request forgery): loopback, private, link-local (cloud
 * metadata), unique-local, multicast, wildcard, reserved and broadcast addresses, IPv6 forms that
 * embed an IPv4 address (IPv4-compatible, NAT64, 6to4) and the host's own interface addresses,
 * unless private targets are allowed ({@code openwaba.webhooks.allow-private-targets}).
 *
 * <p>As a {@link DnsResolver} it is the only name lookup of {@link OutboundHttp}: a connection
 * goes to an address this guard has just checked, so a name that resolves to a public address for
 * the check and to a private one for the call (DNS rebinding) gains nothing.
 */
public final class OutboundUrlGuard implements DnsResolver {

    /** Why a URL may not be called; the message is meant for the API's caller. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    private static final byte[] IPV4_COMPATIBLE = new byte[12];
    private static final byte[] NAT64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

    private final boolean allowPrivateTargets;
    private final ShortLivedCache<String, Set<InetAddress>> interfaces = new ShortLivedCache<>(Duration.ofMinutes(1), 1);

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
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new Refused(noun + " has port " + uri.getPort() + "; ports are 1 to 65535");
        }
        try {
            checked(uri.getHost(), noun);
        } catch (UnknownHostException e) {
            if (!allowPrivateTargets) {
                throw new Refused(noun + "'s host " + uri.getHost() + " does not resolve");
            }
            // the call itself will fail; nothing to protect
        }
        return uri;
    }

    /** The addresses to connect to: resolved once, each of them checked. */
    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        try {
            return checked(host, "the target");
        } catch (Refused refused) {
            throw new UnknownHostException(refused.getMessage());
        }
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }

    private InetAddress[] checked(String host, String noun) throws UnknownHostException {
        var bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        var addresses = InetAddress.getAllByName(bare);
        for (InetAddress address : addresses) {
            // Link-local holds cloud metadata services: never a webhook receiver or a media server.
            if (isLinkLocal(address)) {
                throw new Refused(noun + "'s host " + host + " resolves to " + address.getHostAddress()
                        + ", a link-local address (cloud metadata); such targets are always refused");
            }
        }
        if (allowPrivateTargets) {
            return addresses;
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address) || localInterfaces().contains(address)) {
                throw new Refused(noun + "'s host " + host + " resolves to "
                        + address.getHostAddress() + ", a private or local address;"
                        + " set openwaba.webhooks.allow-private-targets=true to allow it");
            }
        }
        return addresses;
    }

    private Set<InetAddress> localInterfaces() {
        return interfaces.get("all", all -> {
            try {
                return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                        .collect(Collectors.toUnmodifiableSet());
            } catch (SocketException e) {
                return Collections.emptySet();
            }
        });
    }

    private static boolean isLinkLocal(InetAddress address) {
        var embedded = embeddedIpv4(address);
        return address.isLinkLocalAddress() || (embedded != null && embedded.isLinkLocalAddress());
    }

    public static boolean isPrivate(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] raw = address.getAddress();
        if (address instanceof Inet6Address) {
            // fc00::/7 unique local; ::/96, 64:ff9b::/96 and 2002::/16 reach IPv4 hosts through the address
            return (raw[0] & 0xfe) == 0xfc || embeddedIpv4(address) != null;
        }
        int first = raw[0] & 0xff;
        int second = raw[1] & 0xff;
        return first == 0 || first >= 240 // 240.0.0.0/4 reserved, with 255.255.255.255 broadcast
                || (first == 100 && second >= 64 && second < 128) // 100.64.0.0/10 carrier-grade NAT
                || (first == 198 && (second == 18 || second == 19)); // 198.18.0.0/15 benchmarking
    }

    /** The IPv4 address an IPv4-compatible (::/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address carries. */
    private static Inet4Address embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] raw = address.getAddress();
        int from;
        if (raw[0] == 0x20 && raw[1] == 0x02) {
            from = 2;
        } else if (startsWith(raw, IPV4_COMPATIBLE) || startsWith(raw, NAT64)) {
            from = 12;
        } else {
            return null;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(
                    new byte[] {raw[from], raw[from + 1], raw[from + 2], raw[from + 3]});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean startsWith(byte[] raw, byte[] prefix) {
        return java.util.Arrays.equals(raw, 0, prefix.length, prefix, 0, prefix.length);
    }
}
