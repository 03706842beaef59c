package dev.tenantcore.command.automations.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.http.OutboundHttpProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A tenant's webhook URL goes through the outbound address guard with its rule in force (the
 * integration tests lift it to reach WireMock on 127.0.0.1): every address a name resolves to must
 * be public.
 */
@DisplayName("Webhook endpoint addresses")
class EndpointAddressesTest {

    /** Names as a DNS server would answer them, without asking one. */
    private static final Map<String, String> DNS = Map.of(
            "hooks.example.com", "93.184.216.34",
            "internal.example.com", "10.1.2.3",
            "loopback.example.com", "127.0.0.1",
            "metadata.example.com", "169.254.169.254",
            "v6-loopback.example.com", "::1");

    private final EndpointAddresses addresses =
            new EndpointAddresses(new OutboundHttp(new OutboundHttpProperties(), host -> {
                String address = DNS.getOrDefault(host, host.matches("[0-9.:]+") ? host : null);
                if (address == null) {
                    throw new UnknownHostException(host);
                }
                return new InetAddress[] {InetAddress.getByName(address)};
            }));

    @Test
    @DisplayName("an https URL whose host resolves to a public address is kept")
    void publicHost() {
        assertThat(addresses.check("https://hooks.example.com/in?x=1")).isEqualTo("https://hooks.example.com/in?x=1");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "https://10.0.0.1/in",
                "https://192.168.1.20/in",
                "https://127.0.0.1:8080/in",
                "https://169.254.169.254/latest/meta-data",
                "https://[::1]/in",
                "https://[fe80::1]/in",
                "https://internal.example.com/in",
                "https://loopback.example.com/in",
                "https://metadata.example.com/in",
                "https://v6-loopback.example.com/in",
                "https://nowhere.example.com/in",
                "http://hooks.example.com/in",
                "https://user:secret@hooks.example.com/in",
                "https://hooks.example.com/in#fragment",
                "hooks.example.com/in",
                "javascript:alert(1)"
            })
    @DisplayName("refuses with webhook_url_refused")
    void refused(String url) {
        assertThatThrownBy(() -> addresses.check(url))
                .isInstanceOf(DomainException.class)
                .extracting(e -> ((DomainException) e).code())
                .isEqualTo(ErrorCode.WEBHOOK_URL_REFUSED);
    }

    @Test
    @DisplayName("the refusal never says which address a name resolved to")
    void saysNoAddress() {
        assertThatThrownBy(() -> addresses.check("https://internal.example.com/in"))
                .hasMessageNotContaining("10.1.2.3");
    }
}
