package dev.tenantcore.infra.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("Public addresses")
class PublicAddressesTest {

    /** Loopback, private, link-local, multicast, unspecified and reserved addresses, also inside IPv6. */
    private static final List<String> REFUSED = List.of(
            "127.0.0.1",
            "127.1.2.3",
            "10.0.0.1",
            "10.255.255.254",
            "172.16.0.1",
            "172.31.255.255",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "0.1.2.3",
            "224.0.0.1",
            "239.255.255.250",
            "255.255.255.255",
            "240.0.0.1",
            "192.0.0.8",
            "192.0.2.1",
            "198.18.0.1",
            "198.51.100.7",
            "203.0.113.9",
            "::",
            "::1",
            "fe80::1",
            "fc00::1",
            "fd12:3456:789a::1",
            "fec0::1",
            "ff02::1",
            "2001:db8::1",
            "100::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "2002:0a00:0001::1",
            "2002:7f00:0001::1",
            "2002:c0a8:0101::1",
            "2002:a9fe:a9fe::1",
            "64:ff9b:1::808:808",
            "64:ff9b:1:ffff::1",
            "::ffff:0:808:808",
            "::ffff:0:7f00:1",
            "2001::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2");

    /** Public unicast addresses, also a NAT64 or 6to4 address that embeds a public IPv4 one. */
    private static final List<String> PUBLIC = List.of(
            "93.184.215.14",
            "8.8.8.8",
            "1.1.1.1",
            "172.15.255.255",
            "172.32.0.1",
            "100.63.255.255",
            "2606:4700:4700::1111",
            "2a00:1450:4003:80e::200e",
            "64:ff9b::808:808",
            "2002:0808:0808::1");

    static Stream<Arguments> addresses() {
        return Stream.concat(
                REFUSED.stream().map(literal -> Arguments.of(literal, false)),
                PUBLIC.stream().map(literal -> Arguments.of(literal, true)));
    }

    @ParameterizedTest(name = "{0} is public: {1}")
    @MethodSource("addresses")
    @DisplayName(
            "loopback, private, link-local, multicast, unspecified and reserved addresses are refused; public unicast addresses are allowed")
    void classifies(String literal, boolean isPublic) throws UnknownHostException {
        assertThat(PublicAddresses.isPublic(InetAddress.getByName(literal))).isEqualTo(isPublic);
    }

    @ParameterizedTest(name = "{0} is refused")
    @ValueSource(strings = {"64:ff9b:1::a00:1", "::ffff:0:a00:1", "2001:0:a00:1::1", "2002:0a00:0001::"})
    @DisplayName(
            "transition ranges that carry an IPv4 address (NAT64 local use, SIIT, Teredo, 6to4) cannot reach a private one")
    void transitionRanges(String literal) throws UnknownHostException {
        InetAddress address = InetAddress.getByName(literal);

        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(PublicAddresses.isPublic(address)).isFalse();
    }

    @Test
    @DisplayName("an IPv4-mapped loopback kept as an IPv6 address is still refused")
    void mappedLoopbackAsIpv6() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 127, 0, 0, 1};
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(PublicAddresses.isPublic(address)).isFalse();
    }

    @Test
    @DisplayName("a link-local IPv6 address with a scope id is refused")
    void scopedLinkLocal() throws UnknownHostException {
        byte[] linkLocal = InetAddress.getByName("fe80::1").getAddress();

        assertThat(PublicAddresses.isPublic(Inet6Address.getByAddress(null, linkLocal, 2)))
                .isFalse();
    }
}
