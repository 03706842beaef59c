package dev.tenantcore.command.crm.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.command.support.TestOutboundHttp;
import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.http.RefusedAddressException;
import dev.tenantcore.infra.http.ResponseTooLargeException;
import java.net.InetAddress;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Inbound attachment downloads")
class AttachmentDownloadsTest {

    @RegisterExtension
    static final WireMockExtension cdn = WireMockExtension.newInstance()
            .options(options().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private static final byte[] BYTES = {1, 2, 3, 4, 5};

    private static OutboundHttp.Client client(OutboundHttp http, int cap) {
        return http.client("test", http.defaults().withMaxResponseBytes(cap));
    }

    @Test
    @DisplayName("a media URL whose host resolves to a private address is refused before any connection")
    void privateAddressRefused() throws Exception {
        OutboundHttp strict = TestOutboundHttp.strict(host ->
                new InetAddress[] {InetAddress.getByAddress(host, new byte[] {10, 0, 0, 7})});
        try (OutboundHttp.Client http = client(strict, 1024)) {
            MediaDownload where = new MediaDownload(URI.create("https://media.example.com/a.png"), Map.of());
            assertThatThrownBy(() -> AttachmentDownloads.fetch(http, false, where))
                    .isInstanceOf(RefusedAddressException.class);
        } finally {
            strict.destroy();
        }
    }

    @Test
    @DisplayName("plain http is refused where the address rule holds")
    void plainHttpRefused() throws Exception {
        OutboundHttp strict = TestOutboundHttp.strict(host ->
                new InetAddress[] {InetAddress.getByAddress(host, new byte[] {93, (byte) 184, (byte) 216, 34})});
        try (OutboundHttp.Client http = client(strict, 1024)) {
            MediaDownload where = new MediaDownload(URI.create("http://media.example.com/a.png"), Map.of());
            assertThatThrownBy(() -> AttachmentDownloads.fetch(http, false, where))
                    .isInstanceOfSatisfying(
                            DomainException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.CHANNEL_PROVIDER_FAILED));
        } finally {
            strict.destroy();
        }
    }

    @Test
    @DisplayName("the provider's auth goes with the request, and not on to a redirect's other host")
    void authToFirstHostOnly() throws Exception {
        cdn.stubFor(get("/media/1")
                .withHeader("Authorization", equalTo("Bearer t0ken"))
                .willReturn(aResponse()
                        .withStatus(302)
                        .withHeader("Location", "http://127.0.0.1:" + cdn.getPort() + "/blob/1")));
        cdn.stubFor(get("/blob/1").willReturn(aResponse().withBody(BYTES)));
        OutboundHttp loopback = TestOutboundHttp.allowingLoopback();
        try (OutboundHttp.Client http = client(loopback, 1024)) {
            byte[] got = AttachmentDownloads.fetch(
                    http,
                    true,
                    new MediaDownload(
                            URI.create("http://localhost:" + cdn.getPort() + "/media/1"),
                            Map.of("Authorization", "Bearer t0ken")));
            assertThat(got).isEqualTo(BYTES);
            cdn.verify(getRequestedFor(urlEqualTo("/blob/1")).withHeader("Authorization", absent()));
        } finally {
            loopback.destroy();
        }
    }

    @Test
    @DisplayName("a body over the cap fails as too large")
    void overCap() throws Exception {
        cdn.stubFor(get("/big").willReturn(aResponse().withBody(new byte[4096])));
        OutboundHttp loopback = TestOutboundHttp.allowingLoopback();
        try (OutboundHttp.Client http = client(loopback, 1024)) {
            assertThatThrownBy(() -> AttachmentDownloads.fetch(
                            http, true, new MediaDownload(URI.create(cdn.baseUrl() + "/big"), Map.of())))
                    .isInstanceOf(ResponseTooLargeException.class);
        } finally {
            loopback.destroy();
        }
    }

    @Test
    @DisplayName("a provider's 5xx may pass and is tried again; a 404 is a refusal")
    void statuses() throws Exception {
        cdn.stubFor(get("/busy").willReturn(aResponse().withStatus(503)));
        cdn.stubFor(get("/gone").willReturn(aResponse().withStatus(404)));
        OutboundHttp loopback = TestOutboundHttp.allowingLoopback();
        try (OutboundHttp.Client http = client(loopback, 1024)) {
            assertThatThrownBy(() -> AttachmentDownloads.fetch(
                            http, true, new MediaDownload(URI.create(cdn.baseUrl() + "/busy"), Map.of())))
                    .isInstanceOf(ChannelUnavailableException.class);
            assertThatThrownBy(() -> AttachmentDownloads.fetch(
                            http, true, new MediaDownload(URI.create(cdn.baseUrl() + "/gone"), Map.of())))
                    .isInstanceOf(DomainException.class);
        } finally {
            loopback.destroy();
        }
    }
}
