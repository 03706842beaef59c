package dev.tenantcore.command.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tenantcore.infra.http.HostResolver;
import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.http.OutboundHttpProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The verification fetch against a real HTTP server on 127.0.0.1, which only tests may reach. */
@DisplayName("HTTP domain ownership verification")
class HttpDomainOwnershipVerifierTest {

    private static final String DOMAIN = "shop.acme.test";
    private static final String TOKEN = "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6";

    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private HttpServer server;
    private final List<String> hostHeaders = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpDomainOwnershipVerifier verifier;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.start();
        verifier = verifierAllowingPrivate(true);
    }

    @AfterEach
    void stopServer() throws IOException {
        server.stop(0);
        handlers.shutdownNow();
        verifier.destroy();
    }

    @Test
    @DisplayName("a domain that serves its token is verified; the request names the domain as Host")
    void verified() {
        serve(200, "tenantcore verification\n" + TOKEN + "\n");

        assertThat(verifier.verify(DOMAIN, TOKEN).verified()).isTrue();
        assertThat(hostHeaders)
                .containsExactly(DOMAIN + ":" + server.getAddress().getPort());
    }

    @Test
    @DisplayName("a body without the token is not verified")
    void wrongToken() {
        serve(200, "some-other-token");

        DomainOwnershipVerifier.Outcome outcome = verifier.verify(DOMAIN, TOKEN);

        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.reason()).contains("does not contain");
    }

    @Test
    @DisplayName("an answer other than 200 is not verified, even if it carries the token")
    void notOk() {
        serve(404, TOKEN);

        assertThat(verifier.verify(DOMAIN, TOKEN).verified()).isFalse();
    }

    @Test
    @DisplayName("a redirect is not followed")
    void redirectNotFollowed() {
        server.createContext(DomainOwnershipVerifier.WELL_KNOWN_PATH, exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/elsewhere", exchange -> {
            requests.incrementAndGet();
            respond(exchange, 200, TOKEN);
        });

        assertThat(verifier.verify(DOMAIN, TOKEN).verified()).isFalse();
        assertThat(requests).hasValue(1);
    }

    @Test
    @DisplayName("only the first 4 KB of the body are read: a token after them does not count")
    void readsAtMostFourKilobytes() {
        serve(200, "x".repeat(HttpDomainOwnershipVerifier.MAX_BODY_BYTES) + TOKEN);

        assertThat(verifier.verify(DOMAIN, TOKEN).verified()).isFalse();
    }

    @Test
    @DisplayName("an endless body is cut off after 4 KB instead of being read to the end")
    void endlessBodyIsCutOff() {
        server.createContext(DomainOwnershipVerifier.WELL_KNOWN_PATH, exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = "y".repeat(1024).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1_000_000; i++) {
                    out.write(chunk);
                }
            } catch (IOException expected) {
                // The verifier hung up, as it should.
            }
        });

        long started = System.nanoTime();
        assertThat(verifier.verify(DOMAIN, TOKEN).verified()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("a server that never answers fails within the read timeout")
    void silentServerTimesOut() {
        server.createContext(DomainOwnershipVerifier.WELL_KNOWN_PATH, exchange -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        long started = System.nanoTime();
        DomainOwnershipVerifier.Outcome outcome = verifier.verify(DOMAIN, TOKEN);

        assertThat(outcome.verified()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("unless allowed, a domain resolving to a private address is refused before any request is sent")
    void privateAddressRefused() throws IOException {
        serve(200, TOKEN);
        verifier.destroy();
        verifier = verifierAllowingPrivate(false);

        DomainOwnershipVerifier.Outcome outcome = verifier.verify(DOMAIN, TOKEN);

        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.reason()).contains("not public");
        assertThat(requests).hasValue(0);
    }

    @Test
    @DisplayName("a domain with one private address among public ones is refused")
    void anyPrivateAddressRefuses() throws IOException {
        HttpDomainOwnershipVerifier strict = new HttpDomainOwnershipVerifier(
                domain -> List.of(
                        new InetSocketAddress(InetAddress.getByName("93.184.215.14"), 80),
                        new InetSocketAddress(InetAddress.getByName("10.0.0.5"), 80)),
                outbound(false));
        try {
            assertThat(strict.verify(DOMAIN, TOKEN).reason()).contains("not public");
        } finally {
            strict.destroy();
        }
    }

    @Test
    @DisplayName("a domain that does not resolve is not verified")
    void unresolvable() throws IOException {
        HttpDomainOwnershipVerifier unresolved = new HttpDomainOwnershipVerifier(
                domain -> {
                    throw new UnknownHostException(domain);
                },
                outbound(false));
        try {
            assertThat(unresolved.verify(DOMAIN, TOKEN).reason()).contains("does not resolve");
        } finally {
            unresolved.destroy();
        }
    }

    private HttpDomainOwnershipVerifier verifierAllowingPrivate(boolean allowPrivate) {
        // The test domain resolves only here, to the local server: the verifier never asks DNS itself.
        DomainResolver local = domain -> List.of(server.getAddress());
        return new HttpDomainOwnershipVerifier(local, outbound(allowPrivate));
    }

    private static OutboundHttp outbound(boolean allowPrivate) {
        OutboundHttpProperties properties = new OutboundHttpProperties();
        properties.setAllowPrivateAddresses(allowPrivate);
        return new OutboundHttp(properties, HostResolver.SYSTEM);
    }

    private void serve(int status, String body) {
        server.createContext(DomainOwnershipVerifier.WELL_KNOWN_PATH, exchange -> {
            requests.incrementAndGet();
            hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
            respond(exchange, status, body);
        });
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
