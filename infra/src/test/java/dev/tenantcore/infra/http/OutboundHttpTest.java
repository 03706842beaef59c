package dev.tenantcore.infra.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/** The one outbound HTTP stack against a real server on 127.0.0.1, which only the test setting lets it reach. */
@DisplayName("Outbound HTTP")
class OutboundHttpTest {

    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(handlers);
        server.createContext("/ok", exchange -> {
            requests.incrementAndGet();
            byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/redirect", exchange -> {
            requests.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "/ok");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/large", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 10_000; i++) {
                    out.write(new byte[1024]);
                }
            } catch (IOException expected) {
                // The client hung up, as it should.
            }
        });
        server.createContext("/drip", exchange -> {
            // A byte now and then, each within the read timeout, never finishing: only the total timeout ends it.
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                while (!released.await(200, TimeUnit.MILLISECONDS)) {
                    out.write('x');
                    out.flush();
                }
            } catch (IOException | InterruptedException expected) {
                // The client hung up, as it should.
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    @DisplayName("by default a loopback address is refused before anything is sent")
    void loopbackRefusedByDefault() {
        OutboundHttp http = new OutboundHttp(new OutboundHttpProperties(), HostResolver.SYSTEM);
        OutboundHttp.Client client = http.client("test", http.defaults());

        assertThatThrownBy(() -> client.execute(null, new HttpGet(url("/ok")), false))
                .isInstanceOf(RefusedAddressException.class);
        assertThatThrownBy(() -> client.restClient()
                        .build()
                        .get()
                        .uri(url("/ok"))
                        .retrieve()
                        .body(String.class))
                .isInstanceOf(ResourceAccessException.class)
                .hasRootCauseInstanceOf(RefusedAddressException.class);
        assertThat(requests).hasValue(0);
    }

    @Test
    @DisplayName("the test-only setting lets a call reach a stub on loopback")
    void loopbackAllowedOnlyWhenSet() throws IOException {
        OutboundHttp.Client client =
                allowingLoopback().client("test", allowingLoopback().defaults());

        OutboundHttp.Response response = client.execute(null, new HttpGet(url("/ok")), false);

        assertThat(response.status()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThat(client.restClient().build().get().uri(url("/ok")).retrieve().body(String.class))
                .isEqualTo("hello");
    }

    @Test
    @DisplayName("a name with one private address among public ones is refused")
    void anyPrivateAddressRefusesTheName() {
        OutboundHttp http = new OutboundHttp(new OutboundHttpProperties(), host ->
                new InetAddress[] {InetAddress.getByName("93.184.215.14"), InetAddress.getByName("10.0.0.5")});

        assertThatThrownBy(() -> http.resolve("shop.example")).isInstanceOf(RefusedAddressException.class);
    }

    @Test
    @DisplayName("a name is resolved once per connection, by the guard: a rebinding answer cannot slip past it")
    void everyConnectionIsResolvedByTheGuard() throws UnknownHostException {
        AtomicInteger lookups = new AtomicInteger();
        OutboundHttp http = new OutboundHttp(new OutboundHttpProperties(), host -> {
            // First answer public, then the name is re-pointed at loopback.
            return lookups.incrementAndGet() == 1
                    ? new InetAddress[] {InetAddress.getByName("93.184.215.14")}
                    : new InetAddress[] {InetAddress.getLoopbackAddress()};
        });
        OutboundHttp.Client client = http.client("test", http.defaults());

        assertThat(http.resolve("rebind.example")).hasSize(1);
        assertThatThrownBy(() -> client.execute(
                        null,
                        new HttpGet(
                                "http://rebind.example:" + server.getAddress().getPort() + "/ok"),
                        false))
                .isInstanceOf(RefusedAddressException.class);
        assertThat(lookups).hasValue(2);
        assertThat(requests).hasValue(0);
    }

    @Test
    @DisplayName("a DNS lookup that hangs fails within the DNS timeout")
    void dnsTimeout() {
        OutboundHttpProperties properties = new OutboundHttpProperties();
        properties.setDnsTimeout(Duration.ofMillis(200));
        OutboundHttp http = new OutboundHttp(properties, host -> {
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new InetAddress[0];
        });

        long started = System.nanoTime();
        assertThatThrownBy(() -> http.resolve("slow.example"))
                .isInstanceOf(UnknownHostException.class)
                .isNotInstanceOf(RefusedAddressException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    @DisplayName("a redirect is answered as it is, never followed")
    void noRedirects() throws IOException {
        OutboundHttp http = allowingLoopback();
        OutboundHttp.Client client = http.client("test", http.defaults());

        assertThat(client.execute(null, new HttpGet(url("/redirect")), false).status())
                .isEqualTo(302);
        assertThat(requests).hasValue(1);
    }

    @Test
    @DisplayName("a body over the cap fails the call, or is cut at the cap when the caller asks for its beginning")
    void responseCap() throws IOException {
        OutboundHttp http = allowingLoopback();
        OutboundHttp.Client client = http.client("test", http.defaults().withMaxResponseBytes(4096));

        assertThatThrownBy(() -> client.execute(null, new HttpGet(url("/large")), false))
                .isInstanceOf(ResponseTooLargeException.class);
        OutboundHttp.Response cut = client.execute(null, new HttpGet(url("/large")), true);
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.body()).hasSize(4096);
        assertThatThrownBy(() -> client.restClient()
                        .build()
                        .get()
                        .uri(url("/large"))
                        .retrieve()
                        .body(byte[].class))
                .hasRootCauseInstanceOf(ResponseTooLargeException.class);
    }

    @Test
    @DisplayName("a server that keeps a call alive byte by byte is cut off at the total timeout")
    void totalTimeout() {
        OutboundHttp http = allowingLoopback();
        OutboundHttp.Client client = http.client(
                "test",
                new OutboundHttp.Limits(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 20));
        // Built first: a RestClient's first build loads its JSON converters, which is not the call's time.
        RestClient rest = client.restClient().build();

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.execute(null, new HttpGet(url("/drip")), false))
                .isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        started = System.nanoTime();
        assertThatThrownBy(() -> rest.get().uri(url("/drip")).retrieve().body(byte[].class))
                .isInstanceOf(RestClientException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    @DisplayName(
            "a deadline around several calls cuts a trickling one when it passes, and refuses the next at once, whatever each call's own timeout")
    void deadlineAroundSeveralCalls() {
        OutboundHttp http = allowingLoopback();
        OutboundHttp.Client client = http.client(
                "test",
                new OutboundHttp.Limits(
                        Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(30), 1 << 20));
        RestClient rest = client.restClient().build();

        long started = System.nanoTime();
        try (OutboundDeadline deadline = OutboundDeadline.start(Duration.ofSeconds(1))) {
            assertThatThrownBy(() -> client.execute(null, new HttpGet(url("/drip")), false))
                    .isInstanceOf(IOException.class);
            assertThat(deadline.passed()).isTrue();
            assertThatThrownBy(() -> rest.get().uri(url("/ok")).retrieve().body(String.class))
                    .isInstanceOf(RestClientException.class);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        assertThat(requests).as("the call after the deadline was never sent").hasValue(0);

        // Outside the deadline, calls run under their own limits again.
        assertThat(rest.get().uri(url("/ok")).retrieve().body(String.class)).isEqualTo("hello");
    }

    private static OutboundHttp allowingLoopback() {
        OutboundHttpProperties properties = new OutboundHttpProperties();
        properties.setAllowPrivateAddresses(true);
        return new OutboundHttp(properties, HostResolver.SYSTEM);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }
}
