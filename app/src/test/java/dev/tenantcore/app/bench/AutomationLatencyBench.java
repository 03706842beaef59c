package dev.tenantcore.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.app.support.LiveSocket;
import dev.tenantcore.app.support.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Events → automation action latency: {@code CONTACTS} contacts created over HTTP by {@code CLIENTS}
 * clients, and an enabled rule that tags every new contact. The owner's live socket, subscribed to
 * {@code contacts} and {@code automation_runs}, receives every event; latencies are between the
 * events' own timestamps (the server's clock, so the socket's delivery delay is not in them): from
 * the triggering {@code contact.created} to the run's {@code automation.step_done} (the step recorded
 * done, in the transaction of its command), and to the {@code contact.tagged} the step caused. Run
 * by {@code bash bench/automations.sh} (see bench/README.md), never by the build.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "bench.automations", matches = "true")
class AutomationLatencyBench {

    private static final int CONTACTS = Integer.getInteger("bench.contacts", 200);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 4);
    private static final String RULES = "/api/v1/automations/rules";

    @LocalServerPort
    int port;

    @Test
    @DisplayName("contact.created → add_tag step done and contact.tagged, p50 / p99")
    void eventToAction() throws Exception {
        Api api = new Api(port);
        Platform platform = new Platform(api);
        Platform.Shop shop = platform.newShop();
        String owner = platform.ownerToken(shop);
        String load = loadAverage();

        Api.Response created = api.post(RULES)
                .in(shop, owner)
                .json(Map.of(
                        "name",
                        "Bench: tag new contacts",
                        "trigger",
                        "contact.created",
                        "actions",
                        List.of(Map.of("type", "add_tag", "tag", "bench"))))
                .send();
        created.assertStatus(201);
        String rule = created.json().get("id").asText();
        api.post(RULES + "/" + rule + "/enable").in(shop, owner).send().assertStatus(200);

        try (LiveSocket socket =
                LiveSocket.withToken(port, shop.domain(), owner).subscribe(null, "contacts", "automation_runs")) {
            ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
            List<Callable<Integer>> creates = new ArrayList<>();
            for (int i = 0; i < CONTACTS; i++) {
                String email = "bench-" + UUID.randomUUID() + "@example.com";
                creates.add(() -> api.post("/api/v1/contacts")
                        .in(shop, owner)
                        .json(Map.of("name", "Bench " + email.substring(6, 14), "emails", List.of(email)))
                        .send()
                        .status());
            }
            long start = System.nanoTime();
            int failed = 0;
            for (Future<Integer> status : pool.invokeAll(creates)) {
                if (status.get() != 201) {
                    failed++;
                }
            }
            double createSeconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            int expected = CONTACTS - failed;
            Awaitility.await()
                    .atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> count(socket.events(), "automation.step_done") >= expected
                            && count(socket.events(), "contact.tagged") >= expected);
            double allSeconds = (System.nanoTime() - start) / 1e9;

            Map<String, Instant> createdAt = new HashMap<>();
            Map<String, Instant> triggeredAt = new HashMap<>();
            List<JsonNode> events = socket.events();
            for (JsonNode e : events) {
                String type = e.get("type").asText();
                if (type.equals("contact.created")) {
                    createdAt.put(e.get("aggregateId").asText(), at(e));
                } else if (type.equals("automation.run_started")) {
                    triggeredAt.put(
                            e.get("data").get("runId").asText(),
                            Instant.parse(e.get("data").get("triggeredAt").asText()));
                }
            }
            List<Double> toStep = new ArrayList<>();
            List<Double> toTag = new ArrayList<>();
            for (JsonNode e : events) {
                String type = e.get("type").asText();
                if (type.equals("automation.step_done")) {
                    Instant trigger = triggeredAt.get(e.get("data").get("runId").asText());
                    if (trigger != null) {
                        toStep.add(Duration.between(trigger, at(e)).toNanos() / 1e6);
                    }
                } else if (type.equals("contact.tagged")) {
                    Instant made = createdAt.get(e.get("aggregateId").asText());
                    if (made != null) {
                        toTag.add(Duration.between(made, at(e)).toNanos() / 1e6);
                    }
                }
            }
            Collections.sort(toStep);
            Collections.sort(toTag);
            assertThat(toStep).hasSize(expected);
            assertThat(toTag).hasSize(expected);
            String report = String.format(
                    "| measure | value |%n|---|---|%n"
                            + "| contact.created → automation.step_done, p50 / p99 / max (ms) | %.1f / %.1f / %.1f |%n"
                            + "| contact.created → contact.tagged, p50 / p99 / max (ms) | %.1f / %.1f / %.1f |%n"
                            + "| contacts created over HTTP, %d clients (contacts/s) | %.1f |%n"
                            + "| first create → last step done (s) | %.1f |%n%n"
                            + "%d contacts (%d refused), %d runs; load average at the start %s, at the end %s%n",
                    nearestRank(toStep, 50),
                    nearestRank(toStep, 99),
                    toStep.get(toStep.size() - 1),
                    nearestRank(toTag, 50),
                    nearestRank(toTag, 99),
                    toTag.get(toTag.size() - 1),
                    CLIENTS,
                    CONTACTS / createSeconds,
                    allSeconds,
                    CONTACTS,
                    failed,
                    toStep.size(),
                    load,
                    loadAverage());
            Path results = Path.of("..", "bench", "results");
            Files.createDirectories(results);
            Files.writeString(
                    results.resolve("automations-" + Instant.now().toString().replace(':', '-') + ".md"), report);
            System.out.println(report);
        }
    }

    private static long count(List<JsonNode> events, String type) {
        return events.stream().filter(e -> type.equals(e.get("type").asText())).count();
    }

    private static Instant at(JsonNode event) {
        return Instant.parse(event.get("occurredAt").asText());
    }

    private static double nearestRank(List<Double> sorted, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
