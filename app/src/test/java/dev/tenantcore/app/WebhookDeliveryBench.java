package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.app.support.SilentServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Webhook messages delivered per second to a local stub receiver, while another tenant's endpoint
 * never answers, next to the same number of plain POSTs from one client in this JVM. Not a test:
 * run by {@code bench/webhooks.sh} (its name matches no test pattern, so the build never runs it).
 */
class WebhookDeliveryBench extends ShopTest {

    private static final int MESSAGES = Integer.getInteger("bench.messages", 300);
    private static final String ENDPOINTS = "/api/v1/automations/webhook-endpoints";

    @Test
    @DisplayName("webhook deliveries per second to a stub, beside an endpoint that never answers")
    void throughput() throws Exception {
        String load = loadAverage();
        AtomicInteger received = new AtomicInteger();
        HttpServer stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        stub.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        stub.start();
        String url = "http://127.0.0.1:" + stub.getAddress().getPort() + "/in";
        try (SilentServer silent = SilentServer.start()) {
            // The baseline: plain POSTs of a like body from one client, one after another.
            HttpClient client = HttpClient.newHttpClient();
            String body = "{\"id\":\"" + UUID.randomUUID() + "\",\"type\":\"product.created\",\"data\":{}}";
            long baselineStart = System.nanoTime();
            for (int i = 0; i < MESSAGES; i++) {
                client.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
            }
            double baseline = MESSAGES / seconds(baselineStart);
            received.set(0);

            // History to replay: MESSAGES products here, and as many at a tenant whose endpoint never answers.
            Instant from = Instant.now().minusSeconds(1);
            Platform.Shop stuck = platform.newShop();
            String stuckOwner = platform.ownerToken(stuck);
            for (int i = 0; i < MESSAGES; i++) {
                platform.newProduct(
                        shop, owner, "p-" + UUID.randomUUID().toString().substring(0, 8), 100);
                platform.newProduct(
                        stuck, stuckOwner, "p-" + UUID.randomUUID().toString().substring(0, 8), 100);
            }
            Instant to = Instant.now().plusSeconds(1);
            String mine = register(shop, owner, url);
            String never = register(stuck, stuckOwner, silent.url() + "/never");

            replay(stuck, stuckOwner, never, from, to);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> silent.accepted() >= 1);
            long start = System.nanoTime();
            int queued = replay(shop, owner, mine, from, to);
            assertThat(queued).isEqualTo(MESSAGES);
            Awaitility.await()
                    .atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> received.get() >= MESSAGES);
            double rate = MESSAGES / seconds(start);
            int stillWaiting = silent.accepted() - silent.closed().size();
            String table = "| | deliveries/s |\n|---|---|\n"
                    + String.format("| replayed messages → stub (signed, through the outbound guard) | %.1f |%n", rate)
                    + String.format("| plain POSTs, one client in the JVM (baseline) | %.1f |%n", baseline)
                    + String.format(
                            "%n%d messages; ratio %.2f; meanwhile the silent endpoint had accepted %d connections,"
                                    + " at most %d open at one time, %d still waiting at the end;"
                                    + " load average at the start %s, at the end %s.%n",
                            MESSAGES,
                            rate / baseline,
                            silent.accepted(),
                            silent.mostOpen(),
                            stillWaiting,
                            load,
                            loadAverage());
            // The silent endpoint was never answered while the stub's deliveries went on beside it.
            assertThat(silent.accepted()).isPositive();
            Path results = Path.of("..", "bench", "results");
            Files.createDirectories(results);
            Files.writeString(
                    results.resolve("webhooks-" + Instant.now().toString().replace(':', '-') + ".md"), table);
            System.out.println(table);
            api.delete(ENDPOINTS + "/" + never).in(stuck, stuckOwner).send().assertStatus(204);
        } finally {
            stub.stop(0);
        }
    }

    private String register(Platform.Shop in, String token, String url) {
        Api.Response created = api.post(ENDPOINTS)
                .in(in, token)
                .json(Map.of("url", url, "eventTypes", List.of("product.created")))
                .send();
        created.assertStatus(201);
        return created.json().get("endpoint").get("id").asText();
    }

    private int replay(Platform.Shop in, String token, String endpoint, Instant from, Instant to) {
        Api.Response replay = api.post(ENDPOINTS + "/" + endpoint + "/replay")
                .in(in, token)
                .json(Map.of("from", from.toString(), "to", to.toString()))
                .send();
        replay.assertStatus(202);
        return replay.json().get("queued").asInt();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
