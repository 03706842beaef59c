package dev.tenantcore.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.app.support.Platform;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Inbound messages end to end through the signed webhook path: {@code CLIENTS} senders, each a
 * WhatsApp user of its own (so its own conversation), post a delivery signed with the channel's app
 * secret ({@code X-Hub-Signature-256}) and then read {@code GET /conversations/{id}/messages?limit=1}
 * back to back until their message is the newest there; then the next. Messages per second, and
 * p50/p99 of delivery-to-visible latency and of the webhook's own answer. Run by {@code bash
 * bench/conversations.sh} (see bench/README.md), never by the build.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "bench.conversations", matches = "true")
class ConversationInboundBench {

    private static final int CLIENTS = Integer.getInteger("bench.clients", 8);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 10);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 20);
    private static final String PHONE_NUMBER_ID = "106540352242922";
    private static final String APP_SECRET = "6f1c0d3e2b4a59687a6b5c4d3e2f1a0b";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @LocalServerPort
    int port;

    private record Sample(long visibleNanos, long answerNanos) {}

    private record Run(List<Sample> samples, long failures) {}

    @Test
    @DisplayName("inbound WhatsApp messages through the signed webhook, delivery to visible in the conversation")
    void inboundMessages() throws Exception {
        Api api = new Api(port);
        Platform platform = new Platform(api);
        Platform.Shop shop = platform.newShop();
        String owner = platform.ownerToken(shop);
        Api.Response created = api.post("/api/v1/channels")
                .in(shop, owner)
                .json(Map.of(
                        "kind",
                        "whatsapp",
                        "name",
                        "Bench",
                        "accountId",
                        PHONE_NUMBER_ID,
                        "secrets",
                        Map.of(
                                "accessToken",
                                "EAAJB-bench-token",
                                "appSecret",
                                APP_SECRET,
                                "verifyToken",
                                "bench-verify")))
                .send();
        created.assertStatus(201);
        ChannelId channel = ChannelId.of(created.json().get("id").asText());
        String path = created.json().get("webhook").get("path").asText();
        TenantId tenant = TenantId.of(shop.id());

        run(api, shop, owner, path, tenant, channel, WARMUP, "w");
        Run measured = run(api, shop, owner, path, tenant, channel, SECONDS, "m");

        List<Long> visible = new ArrayList<>();
        List<Long> answered = new ArrayList<>();
        measured.samples().forEach(s -> {
            visible.add(s.visibleNanos());
            answered.add(s.answerNanos());
        });
        Collections.sort(visible);
        Collections.sort(answered);
        assertThat(visible).as("messages that became visible").isNotEmpty();
        String report = String.format(
                "| measure | value |%n|---|---|%n"
                        + "| inbound messages visible, %d senders (msg/s) | %.1f |%n"
                        + "| delivery → visible in the conversation, p50 (ms) | %.1f |%n"
                        + "| delivery → visible in the conversation, p99 (ms) | %.1f |%n"
                        + "| webhook answer (signed POST → 200), p50 / p99 (ms) | %.1f / %.1f |%n%n"
                        + "%d messages in %d s after %d s warm-up; %d failed or timed out; max %.1f ms;"
                        + " load average %s; %s%n",
                CLIENTS,
                visible.size() / (double) SECONDS,
                ms(rank(visible, 0.50)),
                ms(rank(visible, 0.99)),
                ms(rank(answered, 0.50)),
                ms(rank(answered, 0.99)),
                visible.size(),
                SECONDS,
                WARMUP,
                measured.failures(),
                ms(visible.get(visible.size() - 1)),
                loadAverage(),
                Instant.now());
        System.out.println(report);
        Path results = Path.of("..", "bench", "results");
        Files.createDirectories(results);
        Files.writeString(
                results.resolve("conversations-" + Instant.now().toString().replace(':', '-') + ".md"), report);
    }

    private Run run(
            Api api,
            Platform.Shop shop,
            String owner,
            String path,
            TenantId tenant,
            ChannelId channel,
            int seconds,
            String phase)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        List<Future<Run>> clients = new ArrayList<>();
        try {
            for (int c = 0; c < CLIENTS; c++) {
                String user = "3460" + String.format("%07d", c);
                ConversationId conversation = ConversationId.of(tenant, channel, user);
                clients.add(pool.submit(() -> {
                    List<Sample> samples = new ArrayList<>();
                    long failures = 0;
                    for (long n = 0; running.get(); n++) {
                        String text = phase + "-" + user + "-" + n;
                        String body = delivery(user, "wamid.bench." + text, text);
                        long start = System.nanoTime();
                        HttpResponse<String> answer = HTTP.send(
                                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                        .header("Content-Type", "application/json")
                                        .header("X-Hub-Signature-256", signature(body))
                                        .timeout(Duration.ofSeconds(30))
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        long answeredAt = System.nanoTime();
                        if (answer.statusCode() != 200 || !visible(api, shop, owner, conversation, text)) {
                            failures++;
                            continue;
                        }
                        samples.add(new Sample(System.nanoTime() - start, answeredAt - start));
                    }
                    return new Run(samples, failures);
                }));
            }
            Thread.sleep(seconds * 1000L);
            running.set(false);
            List<Sample> all = new ArrayList<>();
            long failures = 0;
            for (Future<Run> client : clients) {
                Run run = client.get();
                all.addAll(run.samples());
                failures += run.failures();
            }
            return new Run(all, failures);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads the conversation's newest message back to back until it is {@code text}; false after 10 s. */
    private boolean visible(Api api, Platform.Shop shop, String owner, ConversationId conversation, String text)
            throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            Api.Response page = api.get("/api/v1/conversations/" + conversation + "/messages?limit=1")
                    .in(shop, owner)
                    .send();
            if (page.status() == 200) {
                JsonNode items = JSON.readTree(page.body()).get("items");
                if (items.size() == 1 && text.equals(items.get(0).path("text").asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String delivery(String user, String wamid, String text) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"1022\",\"changes\":[{\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Bench " + user + "\"},\"wa_id\":\"" + user + "\"}],"
                + "\"messages\":[{\"from\":\"" + user + "\",\"id\":\"" + wamid + "\",\"timestamp\":\""
                + Instant.now().getEpochSecond() + "\",\"text\":{\"body\":\"" + text + "\"},\"type\":\"text\"}]"
                + "},\"field\":\"messages\"}]}]}";
    }

    private static String signature(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(APP_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static long rank(List<Long> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return String.join(" ", Arrays.asList(fields).subList(0, 3));
        } catch (IOException e) {
            return "unknown";
        }
    }
}
