package dev.scratchnet.dataset;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import dev.scratchnet.storage.ScratchnetProperties.Download;

/**
 * Which URLs a download may contact (CVE-2023-43654, TorchServe's unrestricted model URLs, is what this prevents):
 * http or https, no user info, a host on {@code scratchnet.datasets.download.allowed-hosts} exactly as written there
 * (so an IP address only when that address is listed), a port on {@code allowed-ports}, and a name whose every
 * resolved address is public.
 */
final class MirrorPolicy {

    static final String HOSTS_PROPERTY = "scratchnet.datasets.download.allowed-hosts";

    private final Set<String> allowedHosts = new TreeSet<>();
    private final Set<Integer> allowedPorts;
    private final boolean allowPrivateAddresses;

    MirrorPolicy(Download config) {
        config.allowedHosts().forEach(host -> allowedHosts.add(hostOf(host)));
        this.allowedPorts = new TreeSet<>(config.allowedPorts());
        this.allowPrivateAddresses = config.allowPrivateAddresses();
    }

    /** Whether any host is allowed at all; with none, nothing is downloaded. */
    boolean downloadsEnabled() {
        return !allowedHosts.isEmpty();
    }

    /**
     * Why none of {@code mirrors} may be contacted, or null when one may; says how to enable downloads when they
     * are off.
     */
    String refusal(String dataset, Collection<URI> mirrors) {
        Set<String> hosts = new TreeSet<>();
        mirrors.forEach(mirror -> hosts.add(mirror.getHost() == null ? mirror.toString() : hostOf(mirror.getHost())));
        if (!downloadsEnabled()) {
            return "downloads are off (" + HOSTS_PROPERTY + " is empty); to download " + dataset + ", add "
                    + String.join(", ", hosts) + " to " + HOSTS_PROPERTY;
        }
        if (hosts.stream().noneMatch(allowedHosts::contains)) {
            return "no mirror of " + dataset + " is on an allowed host: add " + String.join(" or ", hosts) + " to "
                    + HOSTS_PROPERTY + " (allowed: " + String.join(", ", allowedHosts) + ")";
        }
        return null;
    }

    /** Refuses {@code url} unless it may be contacted, resolving its host and checking every address. */
    void check(URI url) throws IOException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException("only http and https URLs are fetched, found '" + scheme + ":'");
        }
        if (url.getRawUserInfo() != null) {
            throw new IOException("URLs with user info (user@host) are refused");
        }
        if (url.getHost() == null) {
            throw new IOException("no host name in the URL");
        }
        String host = hostOf(url.getHost());
        if (!allowedHosts.contains(host)) {
            throw new IOException("host '" + host + "' is not allowed (allowed: "
                    + (allowedHosts.isEmpty() ? "none, so downloads are off" : String.join(", ", allowedHosts))
                    + "; " + HOSTS_PROPERTY + ")");
        }
        int port = url.getPort() == -1 ? (scheme.equals("https") ? 443 : 80) : url.getPort();
        if (!allowedPorts.contains(port)) {
            throw new IOException("port " + port + " is not allowed (allowed: " + allowedPorts
                    + "; scratchnet.datasets.download.allowed-ports)");
        }
        List<InetAddress> addresses;
        try {
            addresses = List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            throw new IOException("host '" + host + "' does not resolve", e);
        }
        if (!allowPrivateAddresses) {
            for (InetAddress address : addresses) {
                String range = nonPublicRange(address);
                if (range != null) {
                    throw new IOException("host '" + host + "' resolves to " + address.getHostAddress() + ", a "
                            + range + " address, which downloads never contact");
                }
            }
        }
    }

    /** Lower case, IPv6 brackets removed: the form in which hosts are compared. */
    private static String hostOf(String host) {
        String lower = host.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
    }

    /** The kind of non-public range {@code address} is in, or null for a public address. */
    static String nonPublicRange(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "wildcard";
        }
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return nonPublicIpv4(bytes);
        }
        if (address instanceof Inet6Address) {
            int first = bytes[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return "unique-local (fc00::/7)";
            }
            // IPv4 carried inside IPv6 (::a.b.c.d, ::ffff:a.b.c.d, NAT64 64:ff9b::/96) reaches that IPv4 address.
            if (isZero(bytes, 0, 10) && (isZero(bytes, 10, 12) || (bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff))
                    || startsWith(bytes, 0x00, 0x64, 0xff, 0x9b) && isZero(bytes, 4, 12)) {
                String embedded = nonPublicIpv4(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
                return embedded == null ? null : embedded + " (embedded IPv4)";
            }
        }
        return null;
    }

    private static String nonPublicIpv4(byte[] bytes) {
        int a = bytes[0] & 0xff;
        int b = bytes[1] & 0xff;
        if (a == 0) {
            return "unspecified (0.0.0.0/8)";
        }
        if (a == 127) {
            return "loopback";
        }
        if (a == 10 || a == 172 && (b & 0xf0) == 16 || a == 192 && b == 168) {
            return "private";
        }
        if (a == 169 && b == 254) {
            return "link-local";
        }
        if (a == 100 && (b & 0xc0) == 64) {
            return "carrier-grade NAT (100.64.0.0/10)";
        }
        if (a >= 224) {
            return a < 240 ? "multicast" : "reserved (240.0.0.0/4)";
        }
        return null;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
