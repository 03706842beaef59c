package dev.tenantcore.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.infra.audit.EventFilter;
import dev.tenantcore.infra.audit.TenantEventLog;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A full export of one tenant's history: events per second and megabytes per second from {@code
 * POST /api/v1/audit/exports} to {@code ready}, next to the same events read alone through the
 * same server-side cursor in the same JVM (the baseline: what reading costs without serialising,
 * compressing and storing). The history is {@code bench.events} synthetic events of about 400
 * bytes, inserted straight into the event store under the tenant (a type no handler knows, so no
 * projection acts on them), beside the shop's own. Run by {@code bash bench/export.sh} (see
 * bench/README.md), never by the build.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "bench.export", matches = "true")
class ExportBench {

    private static final int EVENTS = Integer.getInteger("bench.events", 100_000);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TenantEventLog log;

    @Test
    @DisplayName("an export writes the tenant's history at a rate near that of reading it")
    void exportRate() throws Exception {
        Api api = new Api(port);
        Platform platform = new Platform(api);
        Platform.Shop shop = platform.newShop();
        String owner = platform.ownerToken(shop);
        seed(shop.id());

        // The baseline: the same rows through the same cursor, counted and dropped.
        AtomicLong read = new AtomicLong();
        AtomicLong readBytes = new AtomicLong();
        long readStarted = System.nanoTime();
        try (var scope = TenantContext.enter(TenantId.of(shop.id()), null)) {
            log.stream(new EventFilter(null, null, null, null, null, 0), 0, e -> {
                read.incrementAndGet();
                readBytes.addAndGet(e.payload().length + (e.metaData() == null ? 0 : e.metaData().length));
            });
        }
        double readSeconds = (System.nanoTime() - readStarted) / 1e9;

        long started = System.nanoTime();
        String id = api.post("/api/v1/audit/exports")
                .in(shop, owner)
                .send()
                .assertStatus(202)
                .json()
                .get("id")
                .asText();
        JsonNode ready = Awaitility.await()
                .atMost(Duration.ofMinutes(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> api.get("/api/v1/audit/exports/" + id)
                                .in(shop, owner)
                                .send()
                                .json(),
                        e -> !e.get("status").asText().matches("queued|running"));
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(ready.get("status").asText()).as(ready.toString()).isEqualTo("ready");
        long events = ready.get("manifest").get("events").asLong();
        long compressed = ready.get("manifest").get("bytes").asLong();
        assertThat(events).isEqualTo(read.get());

        Path file = Files.createTempFile("export-bench-", ".ndjson.gz");
        HttpResponse<Path> download = HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/audit/exports/" + id + "/file"))
                        .header("Origin", "http://" + shop.domain() + ":3000")
                        .header("Authorization", "Bearer " + owner)
                        .build(),
                HttpResponse.BodyHandlers.ofFile(file));
        assertThat(download.statusCode()).isEqualTo(200);
        long ndjson;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            ndjson = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        Files.delete(file);

        double mb = 1024.0 * 1024.0;
        String report = String.format(
                "| measure | value | baseline | ratio |%n|---|---|---|---|%n"
                        + "| export, events/s (POST → ready) | %.0f | cursor read alone, same events: %.0f | %.2f |%n"
                        + "| export, NDJSON MB/s (uncompressed) | %.1f | cursor read alone, stored MB/s: %.1f | %.2f |%n"
                        + "| export, gzip MB/s (written to storage) | %.1f | | |%n%n"
                        + "%d events (%d synthetic), NDJSON %.1f MB → gzip %.1f MB (%.1f×); export %.1f s, read %.1f s;"
                        + " load average %s; %s%n",
                events / seconds,
                read.get() / readSeconds,
                (events / seconds) / (read.get() / readSeconds),
                ndjson / mb / seconds,
                readBytes.get() / mb / readSeconds,
                (ndjson / mb / seconds) / (readBytes.get() / mb / readSeconds),
                compressed / mb / seconds,
                events,
                EVENTS,
                ndjson / mb,
                compressed / mb,
                ndjson / (double) compressed,
                seconds,
                readSeconds,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Instant.now());
        System.out.println(report);
        Path results = Path.of("..", "bench", "results");
        Files.createDirectories(results);
        Files.writeString(results.resolve("export-" + Instant.now().toString().replace(':', '-') + ".md"), report);
    }

    /** {@link #EVENTS} events of the shop's tenant, 10 per synthetic aggregate, in one statement. */
    private void seed(String tenantId) {
        jdbc.update("""
                INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                    meta_data, payload, payload_revision, payload_type, time_stamp)
                SELECT 'bench-' || ((g - 1) / 10), (g - 1) % 10, 'BenchAggregate', gen_random_uuid()::text,
                    convert_to(json_build_object('tenantId', ?::text, 'traceId', gen_random_uuid()::text,
                        'correlationId', gen_random_uuid()::text)::text, 'UTF8'),
                    convert_to(json_build_object('benchId', g, 'name', 'Synthetic event ' || g,
                        'description', repeat('lorem ipsum dolor sit amet ', 8),
                        'amountMinor', g * 7 % 100000, 'currency', 'EUR')::text, 'UTF8'),
                    '1', 'dev.tenantcore.bench.BenchEvent',
                    to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                FROM generate_series(1, ?) AS g
                """, tenantId, EVENTS);
    }
}
