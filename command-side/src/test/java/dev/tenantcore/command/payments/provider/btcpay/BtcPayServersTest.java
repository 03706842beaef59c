package dev.tenantcore.command.payments.provider.btcpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.command.support.TestOutboundHttp;
import dev.tenantcore.infra.http.HostResolver;
import dev.tenantcore.infra.http.OutboundHttp;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BtcPayServersTest {

    /** Names resolve from this table only, so the test needs no DNS. */
    private static final Map<String, String> TABLE = Map.of(
            "pay.shop.example", "93.184.216.34",
            "internal.shop.example", "10.0.0.7",
            "metadata.shop.example", "169.254.169.254");

    private static final HostResolver NAMES = host -> {
        String address = TABLE.get(host);
        if (address == null && !Character.isDigit(host.charAt(0)) && !host.contains(":")) {
            throw new UnknownHostException(host);
        }
        return InetAddress.getAllByName(address == null ? host : address);
    };

    private final OutboundHttp productionHttp = TestOutboundHttp.strict(NAMES);
    private final BtcPayServers production = new BtcPayServers(productionHttp);

    @Test
    @DisplayName("a public https URL is accepted and stored without a trailing slash")
    void acceptsPublicHttps() {
        assertThat(production.validate("https://pay.shop.example/")).isEqualTo("https://pay.shop.example");
        assertThat(production.validate("https://pay.shop.example:8443/btcpay"))
                .isEqualTo("https://pay.shop.example:8443/btcpay");
        assertThat(production.validate("https://93.184.216.34")).isEqualTo("https://93.184.216.34");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(
            strings = {
                "",
                "pay.shop.example",
                "/api/v1",
                "http://pay.shop.example",
                "ftp://pay.shop.example",
                "https://user:pass@pay.shop.example",
                "https://pay.shop.example?x=1",
                "https://pay.shop.example#top",
                "https://unknown.shop.example",
                "https://internal.shop.example",
                "https://metadata.shop.example",
                "https://127.0.0.1",
                "https://localhost",
                "https://10.1.2.3",
                "https://[::1]",
                "https://[::ffff:192.168.1.1]",
                "https:pay.shop.example"
            })
    @DisplayName("a URL that is not public https without user-info, query or fragment is a validation failure")
    void refusesOthers(String url) {
        assertThatThrownBy(() -> production.validate(url))
                .isInstanceOfSatisfying(
                        DomainException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    @DisplayName("only when private addresses are allowed (tests) may the server be plain http on loopback")
    void privateAddressesWhenAllowed() {
        BtcPayServers tests = new BtcPayServers(TestOutboundHttp.with(true, NAMES));
        assertThat(tests.validate("http://127.0.0.1:8089/")).isEqualTo("http://127.0.0.1:8089");
        assertThatThrownBy(() -> production.validate("http://127.0.0.1:8089")).isInstanceOf(DomainException.class);
    }

    @Test
    @DisplayName("the HTTP client's resolver refuses a name that now points at a private address")
    void resolverRefusesRebinding() throws Exception {
        assertThat(productionHttp.resolve("pay.shop.example")).containsExactly(InetAddress.getByName("93.184.216.34"));
        assertThatThrownBy(() -> productionHttp.resolve("internal.shop.example"))
                .isInstanceOf(UnknownHostException.class);
        assertThatThrownBy(() -> productionHttp.resolve("127.0.0.1")).isInstanceOf(UnknownHostException.class);
    }
}
