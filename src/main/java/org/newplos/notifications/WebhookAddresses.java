package org.newplos.notifications;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.newplos.common.InvalidInputException;
import org.springframework.stereotype.Component;

/**
 * Where a webhook may go (SSRF): an absolute http(s) URL with a host and no credentials, whose host resolves
 * only to public addresses — never loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16,
 * the cloud metadata service, fe80::/10), unique-local (fc00::/7), shared (CGNAT, 100.64/10), "this network"
 * (0/8), unspecified, multicast or reserved — unless the operator allows private addresses. Checked when an
 * endpoint is saved, and again before every delivery on the addresses the host resolves to then (DNS can
 * change after the check: "DNS rebinding").
 */
@Component
class WebhookAddresses {

    static final int MAX_URL_LENGTH = 2000;

    private final WebhookSettings settings;

    WebhookAddresses(WebhookSettings settings) {
        this.settings = settings;
    }

    /** Why a URL may not be used now: its host does not resolve (perhaps for a while), or resolves to a refused address. */
    record Refusal(String reason, boolean unresolved) {}

    /** The URL, checked for shape and destination; otherwise an {@link InvalidInputException} on "url". */
    URI check(@Nullable String url) {
        URI uri = parse(url);
        Refusal refused = refusal(uri);
        if (refused != null) {
            throw new InvalidInputException("url", refused.reason());
        }
        return uri;
    }

    /** Why a delivery to this URL must not be made now, or null when it may. */
    @Nullable
    Refusal refusal(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            return new Refusal("has no host", false);
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return new Refusal("has a host that cannot be resolved (" + host + ")", true);
        } catch (SecurityException | IllegalArgumentException e) {
            return new Refusal("has a host that cannot be resolved (" + host + "): " + e.getMessage(), true);
        }
        if (settings.allowPrivateAddresses()) {
            return null;
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = kind(address);
            if (kind.isPresent()) {
                return new Refusal(
                        "resolves to " + address.getHostAddress() + ", " + kind.get()
                                + "; webhooks may not go to loopback, private or link-local addresses unless the"
                                + " operator sets " + WebhookSettings.ALLOW_PRIVATE,
                        false);
            }
        }
        return null;
    }

    /** The URL's shape: absolute http or https, a host, no user:password, at most 2000 characters. */
    static URI parse(@Nullable String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("url", "must not be blank");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new InvalidInputException("url", "must be at most " + MAX_URL_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidInputException(
                    "url", "is not a valid URL (" + e.getReason() + "); use one like https://example.com/hooks");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new InvalidInputException(
                    "url", "must be an absolute http or https URL such as https://example.com/hooks");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInputException(
                    "url", "must not contain a user name or password; authenticate receivers by the signature");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new InvalidInputException(
                    "url", "must have a valid host name (letters, digits, hyphens and dots) or IP address");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidInputException("url", "must not have a fragment (#…)");
        }
        return uri;
    }

    /** What kind of refused address this is, or empty for a public one. */
    static Optional<String> kind(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            Inet4Address embedded = embeddedIpv4(b);
            if (embedded != null) {
                return kind(embedded).map(kind -> kind + " (embedded in an IPv6 address)");
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("a unique-local IPv6 address (fc00::/7)");
            }
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address (such as the cloud metadata service)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (address instanceof Inet4Address) {
            byte[] b = address.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return Optional.of("a \"this network\" address (0.0.0.0/8)");
            }
            if (first == 127) {
                return Optional.of("a loopback address");
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of("a shared (carrier-grade NAT) address (100.64.0.0/10)");
            }
            if (first >= 240) {
                return Optional.of("a reserved address (240.0.0.0/4)");
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-compatible (::a.b.c.d) or NAT64 (64:ff9b::a.b.c.d) address, or null. */
    private static @Nullable Inet4Address embeddedIpv4(byte[] b) {
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        boolean nat64 =
                (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; i < 12 && nat64; i++) {
            nat64 = b[i] == 0;
        }
        if (compatible && (b[12] | b[13] | b[14]) == 0 && (b[15] & 0xff) <= 1) {
            return null; // :: and ::1 themselves: Java's own checks classify them
        }
        if (!compatible && !nat64) {
            return null;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
