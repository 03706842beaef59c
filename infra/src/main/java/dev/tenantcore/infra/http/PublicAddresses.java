package dev.tenantcore.infra.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Which addresses a server-side fetch may reach on a tenant's behalf: only public unicast ones.
 * Loopback, private, link-local, multicast, unspecified, carrier-grade NAT, documentation,
 * benchmarking and reserved ranges of IPv4 and IPv6 are refused, and so is an IPv6 address that
 * embeds a refused IPv4 address (mapped, compatible, NAT64, 6to4), which would otherwise be a way
 * around the IPv4 rules. Transition ranges whose IPv4 side cannot be judged from the address alone
 * are refused whole: local-use NAT64 ({@code 64:ff9b:1::/48}, RFC 8215, routed by the operator to
 * anything), IPv4-translated ({@code ::ffff:0:0:0/96}, SIIT) and Teredo ({@code 2001::/32}, whose
 * embedded server and client addresses are obfuscated and tunnel through relays).
 */
public final class PublicAddresses {

    private static final List<IpAddressMatcher> NON_PUBLIC_V4 = matchers(
            "0.0.0.0/8",
            "10.0.0.0/8",
            "100.64.0.0/10",
            "127.0.0.0/8",
            "169.254.0.0/16",
            "172.16.0.0/12",
            "192.0.0.0/24",
            "192.0.2.0/24",
            "192.88.99.0/24",
            "192.168.0.0/16",
            "198.18.0.0/15",
            "198.51.100.0/24",
            "203.0.113.0/24",
            "224.0.0.0/4",
            "240.0.0.0/4");

    private static final List<IpAddressMatcher> NON_PUBLIC_V6 = matchers(
            "::/128",
            "::1/128",
            "::ffff:0:0:0/96",
            "64:ff9b:1::/48",
            "100::/64",
            "2001::/32",
            "2001:db8::/32",
            "fc00::/7",
            "fe80::/10",
            "fec0::/10",
            "ff00::/8");

    private PublicAddresses() {}

    public static boolean isPublic(InetAddress address) {
        if (address.isAnyLocalAddress()
                || address.isLoopbackAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        if (address instanceof Inet6Address v6) {
            InetAddress embedded = embeddedIpv4(v6.getAddress());
            if (embedded != null) {
                return isPublic(embedded);
            }
        }
        String literal = literal(address);
        List<IpAddressMatcher> refused = address instanceof Inet4Address ? NON_PUBLIC_V4 : NON_PUBLIC_V6;
        return refused.stream().noneMatch(m -> m.matches(literal));
    }

    /**
     * The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}), IPv4-compatible
     * ({@code ::a.b.c.d}), NAT64 ({@code 64:ff9b::a.b.c.d}) or 6to4 ({@code 2002:AABB:CCDD::})
     * address, or null.
     */
    private static InetAddress embeddedIpv4(byte[] v6) {
        byte[] v4 = null;
        if (zero(v6, 0, 10) && ((v6[10] == (byte) 0xff && v6[11] == (byte) 0xff) || zero(v6, 10, 12))) {
            v4 = Arrays.copyOfRange(v6, 12, 16);
        } else if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == (byte) 0xff && v6[3] == (byte) 0x9b && zero(v6, 4, 12)) {
            v4 = Arrays.copyOfRange(v6, 12, 16);
        } else if (v6[0] == 0x20 && v6[1] == 0x02) {
            v4 = Arrays.copyOfRange(v6, 2, 6);
        }
        if (v4 == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static boolean zero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The numeric form without a scope id, which the matcher would not parse. */
    private static String literal(InetAddress address) {
        String text = address.getHostAddress();
        int scope = text.indexOf('%');
        return scope < 0 ? text : text.substring(0, scope);
    }

    private static List<IpAddressMatcher> matchers(String... cidrs) {
        return Arrays.stream(cidrs).map(IpAddressMatcher::new).toList();
    }
}
