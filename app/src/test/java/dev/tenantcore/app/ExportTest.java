package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.S3MockServer;
import dev.tenantcore.app.support.ShopTest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Full exports of a tenant's history over HTTP, into S3 (Adobe's S3Mock, started as its own
 * process, as the media tests do): every event of the tenant in order and none of another, a
 * manifest whose hash is the file's, who may start and read them, the platform auditor, and the
 * platform's offboarding (export, then close).
 */
@DirtiesContext
class ExportTest extends ShopTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @DynamicPropertySource
    static void storage(DynamicPropertyRegistry registry) {
        registry.add("app.storage.type", () -> "s3");
        registry.add("app.storage.s3.endpoint", () -> S3MockServer.get().endpoint());
        registry.add("app.storage.s3.region", () -> "us-east-1");
        registry.add("app.storage.s3.bucket", () -> S3MockServer.BUCKET);
        registry.add("app.storage.s3.path-style", () -> "true");
        registry.add("app.storage.s3.access-key", () -> "test-access-key");
        registry.add("app.storage.s3.secret-key", () -> "test-secret-key");
    }

    @AfterAll
    static void stopStorage() {
        S3MockServer.stop();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private String product(Platform.Shop in, String token, String slug) {
        return platform.newProduct(in, token, slug, 100).get("id").asText();
    }

    /** Starts an export as {@code token} on {@code in}'s domain and waits until it is ready. */
    private JsonNode exportReady(Platform.Shop in, String token) {
        Api.Response started = api.post("/api/v1/audit/exports").in(in, token).send();
        started.assertStatus(202);
        assertThat(started.json().get("status").asText()).isIn("queued", "running", "ready");
        String id = started.json().get("id").asText();
        assertThat(started.header("Location")).isEqualTo("/api/v1/audit/exports/" + id);
        return await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/api/v1/audit/exports/" + id)
                                .in(in, token)
                                .send()
                                .assertStatus(200)
                                .json(),
                        e -> e.get("status").asText().equals("ready"));
    }

    private HttpResponse<byte[]> download(String path, Platform.Shop in, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .GET();
        if (in != null) {
            request.header("Origin", "http://" + in.domain() + ":3000");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<JsonNode> lines(byte[] gzip) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        try (var reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(new ByteArrayInputStream(gzip)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static List<JsonNode> ndjson(String body) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static List<String> storedKeys(String prefix) {
        try (S3Client s3 = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(URI.create(S3MockServer.get().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .serviceConfiguration(
                        S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
            return s3.listObjectsV2Paginator(b -> b.bucket(S3MockServer.BUCKET).prefix(prefix)).contents().stream()
                    .map(S3Object::key)
                    .toList();
        }
    }

    @Test
    @DisplayName("holds every event of the tenant in order, none of another, and a manifest that matches the file")
    void everyEventInOrderAndNoneOfAnother() throws Exception {
        String mug = product(shop, owner, "mug-" + shortId());
        product(shop, owner, "cup-" + shortId());
        api.patch("/api/v1/products/" + mug)
                .in(shop, owner)
                .json(Map.of("name", "Renamed mug"))
                .send()
                .assertStatus(200);
        Platform.Shop other = platform.newShop();
        String otherOwner = platform.ownerToken(other);
        String foreign = product(other, otherOwner, "foreign-" + shortId());

        JsonNode export = exportReady(shop, owner);

        JsonNode manifest = export.get("manifest");
        HttpResponse<byte[]> file =
                download("/api/v1/audit/exports/" + export.get("id").asText() + "/file", shop, owner);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("application/gzip");
        byte[] bytes = file.body();
        assertThat(manifest.get("sha256").asText()).isEqualTo(sha256(bytes));
        assertThat(manifest.get("bytes").asLong()).isEqualTo(bytes.length);
        assertThat(export.get("progress").get("bytes").asLong()).isEqualTo(bytes.length);
        assertThat(manifest.get("tenantId").asText()).isEqualTo(shop.id());

        List<JsonNode> exported = lines(bytes);
        assertThat(manifest.get("events").asLong()).isEqualTo(exported.size());
        assertThat(export.get("progress").get("events").asLong()).isEqualTo(exported.size());
        List<Long> positions =
                exported.stream().map(e -> e.get("globalPosition").asLong()).toList();
        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(manifest.get("firstGlobalPosition").asLong()).isEqualTo(positions.get(0));
        assertThat(manifest.get("lastGlobalPosition").asLong()).isEqualTo(positions.get(positions.size() - 1));
        JsonNode head = manifest.get("chainHead");
        if (!head.isNull()) {
            assertThat(head.get("globalPosition").asLong()).isLessThanOrEqualTo(positions.get(positions.size() - 1));
        }

        // The tenant's own stream up to the export's last event: the same events, in the same order.
        long last = positions.get(positions.size() - 1);
        List<Long> streamed =
                ndjson(api.get("/api/v1/audit/events")
                                .in(shop, owner)
                                .send()
                                .assertStatus(200)
                                .body())
                        .stream()
                        .map(e -> e.get("globalPosition").asLong())
                        .filter(p -> p <= last)
                        .toList();
        assertThat(positions).isEqualTo(streamed);
        assertThat(exported)
                .extracting(e -> e.get("aggregateId").asText())
                .contains(mug)
                .doesNotContain(foreign, other.id());
        Set<String> otherEvents = new HashSet<>();
        ndjson(api.get("/api/v1/audit/events").in(other, otherOwner).send().body())
                .forEach(e -> otherEvents.add(e.get("eventId").asText()));
        assertThat(otherEvents).isNotEmpty();
        assertThat(exported)
                .noneMatch(e -> otherEvents.contains(e.get("eventId").asText()));

        Map<String, Long> counted = new TreeMap<>();
        exported.forEach(e -> counted.merge(e.get("type").asText(), 1L, Long::sum));
        Map<String, Long> manifestCounts = new TreeMap<>();
        manifest.get("countsByType")
                .fields()
                .forEachRemaining(
                        f -> manifestCounts.put(f.getKey(), f.getValue().asLong()));
        assertThat(manifestCounts).isEqualTo(counted).containsEntry("ProductCreatedEvent", 2L);

        String folder = "tenants/" + shop.id() + "/exports/" + export.get("id").asText() + "/";
        assertThat(storedKeys(folder)).containsExactlyInAnyOrder(folder + "events.ndjson.gz", folder + "manifest.json");
    }

    @Test
    @DisplayName("is listed newest first, and its file is refused until it is ready")
    void listedAndNotReadyBefore() {
        JsonNode first = exportReady(shop, owner);
        JsonNode second = exportReady(shop, owner);

        JsonNode page = api.get("/api/v1/audit/exports?limit=1")
                .in(shop, owner)
                .send()
                .assertStatus(200)
                .json();
        assertThat(page.get("items")).hasSize(1);
        assertThat(page.get("items").get(0).get("id").asText())
                .isEqualTo(second.get("id").asText());
        JsonNode rest = api.get("/api/v1/audit/exports?limit=1&cursor="
                        + page.get("nextCursor").asText())
                .in(shop, owner)
                .send()
                .assertStatus(200)
                .json();
        assertThat(rest.get("items").get(0).get("id").asText())
                .isEqualTo(first.get("id").asText());
        api.get("/api/v1/audit/exports?cursor=forged").in(shop, owner).send().assertProblem(400, "validation_failed");
        api.get("/api/v1/audit/exports/" + UUID.randomUUID() + "/file")
                .in(shop, owner)
                .send()
                .assertProblem(404, "not_found");
    }

    @Test
    @DisplayName("an auditor exports and downloads; staff, customers and another tenant cannot reach an export")
    void auditorYesOthersNo() throws Exception {
        String auditor = platform.staffToken(shop, owner, "auditor");
        JsonNode export = exportReady(shop, auditor);
        String id = export.get("id").asText();
        assertThat(download("/api/v1/audit/exports/" + id + "/file", shop, auditor)
                        .statusCode())
                .isEqualTo(200);
        // The one write an auditor may send: everything else is still refused.
        api.post("/api/v1/products")
                .in(shop, auditor)
                .json(Platform.productBody("No", "no-" + shortId(), "digital", 100))
                .send()
                .assertProblem(403, "forbidden");
        api.put("/api/v1/tenant/settings")
                .in(shop, auditor)
                .json(Platform.settings("No", 0))
                .send()
                .assertStatus(403);

        String staff = platform.staffToken(shop, owner, "staff");
        api.post("/api/v1/audit/exports").in(shop, staff).send().assertStatus(403);
        api.get("/api/v1/audit/exports/" + id).in(shop, staff).send().assertStatus(403);
        assertThat(download("/api/v1/audit/exports/" + id + "/file", shop, staff)
                        .statusCode())
                .isEqualTo(403);
        String customer = customer();
        api.post("/api/v1/audit/exports").in(shop, customer).send().assertStatus(403);
        api.get("/api/v1/audit/exports").in(shop, customer).send().assertStatus(403);

        Platform.Shop other = platform.newShop();
        String otherOwner = platform.ownerToken(other);
        api.get("/api/v1/audit/exports/" + id).in(other, otherOwner).send().assertProblem(404, "not_found");
        assertThat(download("/api/v1/audit/exports/" + id + "/file", other, otherOwner)
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/audit/exports")
                        .in(other, otherOwner)
                        .send()
                        .assertStatus(200)
                        .json()
                        .get("items"))
                .isEmpty();
        // Their token on this shop's domain is refused before anything is looked up.
        api.get("/api/v1/audit/exports/" + id).in(shop, otherOwner).send().assertStatus(403);
    }

    private String platformAuditor(String admin) {
        String email = "auditor-" + shortId() + "@platform.test";
        api.post("/api/v1/platform/auditors")
                .bearer(admin)
                .json(Map.of("email", email, "password", "auditor-password-1", "displayName", "Platform auditor"))
                .send()
                .assertStatus(201);
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> api.post("/api/v1/auth/login")
                                .json(Map.of("email", email, "password", "auditor-password-1"))
                                .send(),
                        r -> r.status() == 200)
                .json()
                .get("accessToken")
                .asText();
    }

    @Test
    @DisplayName("a platform auditor reads a tenant's history and exports it, and every command is refused")
    void platformAuditorReadsOnly() throws Exception {
        String mug = product(shop, owner, "mug-" + shortId());
        String admin = platform.adminToken();
        String auditor = platformAuditor(admin);
        String base = "/api/v1/platform/tenants/" + shop.id();

        api.get("/api/v1/platform/tenants/" + shop.id()).bearer(auditor).send().assertStatus(200);
        api.get("/api/v1/platform/tenants").bearer(auditor).send().assertStatus(200);
        Api.Response history = api.get(base + "/audit/product/" + mug + "/history")
                .bearer(auditor)
                .send();
        history.assertStatus(200);
        assertThat(history.json().get("items").get(0).get("type").asText()).isEqualTo("ProductCreatedEvent");
        api.get(base + "/audit/product/" + mug).bearer(auditor).send().assertStatus(200);
        List<JsonNode> events = ndjson(api.get(base + "/audit/events")
                .bearer(auditor)
                .send()
                .assertStatus(200)
                .body());
        assertThat(events).extracting(e -> e.get("aggregateId").asText()).contains(mug);

        Api.Response started = api.post(base + "/exports").bearer(auditor).send();
        started.assertStatus(202);
        String id = started.json().get("id").asText();
        JsonNode ready = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get(base + "/exports/" + id)
                                .bearer(auditor)
                                .send()
                                .assertStatus(200)
                                .json(),
                        e -> e.get("status").asText().equals("ready"));
        HttpResponse<byte[]> file = download(base + "/exports/" + id + "/file", null, auditor);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(sha256(file.body()))
                .isEqualTo(ready.get("manifest").get("sha256").asText());
        assertThat(lines(file.body()))
                .extracting(e -> e.get("aggregateId").asText())
                .contains(mug);
        // The tenant's owner sees the platform's export among the tenant's.
        assertThat(api.get("/api/v1/audit/exports/" + id).in(shop, owner).send().status())
                .isEqualTo(200);

        long eventsBefore = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        api.post(base + "/suspend").bearer(auditor).json(Map.of()).send().assertStatus(403);
        api.post(base + "/close").bearer(auditor).json(Map.of()).send().assertStatus(403);
        api.post(base + "/offboarding").bearer(auditor).json(Map.of()).send().assertStatus(403);
        api.patch(base).bearer(auditor).json(Map.of("name", "Mine")).send().assertStatus(403);
        api.post("/api/v1/platform/auditors")
                .bearer(auditor)
                .json(Map.of("email", "x-" + shortId() + "@platform.test", "password", "auditor-password-1"))
                .send()
                .assertStatus(403);
        api.post("/api/v1/platform/tenants")
                .bearer(auditor)
                .json(Map.of(
                        "name",
                        "Nope",
                        "slug",
                        "nope-" + shortId(),
                        "owner",
                        Map.of("email", "o@nope.test", "password", "owner-password-1")))
                .send()
                .assertStatus(403);
        // On the tenant's own domain the platform's token is no tenant's token.
        api.get("/api/v1/audit/events").in(shop, auditor).send().assertStatus(403);
        api.post("/api/v1/products")
                .in(shop, auditor)
                .json(Platform.productBody("No", "no-" + shortId(), "digital", 100))
                .send()
                .assertStatus(403);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                .as("a refused command writes nothing")
                .isEqualTo(eventsBefore);
        // A tenant that does not exist is not found.
        api.get("/api/v1/platform/tenants/" + UUID.randomUUID() + "/audit/events")
                .bearer(auditor)
                .send()
                .assertProblem(404, "not_found");
    }

    @Test
    @DisplayName("offboarding exports the tenant and closes it only once the export is ready")
    void offboardingExportsThenCloses() throws Exception {
        product(shop, owner, "mug-" + shortId());
        String admin = platform.adminToken();
        String base = "/api/v1/platform/tenants/" + shop.id();
        api.get(base + "/offboarding").bearer(admin).send().assertProblem(404, "not_found");

        Api.Response started = api.post(base + "/offboarding")
                .bearer(admin)
                .json(Map.of("reason", "Contract ended"))
                .send();
        started.assertStatus(202);
        assertThat(started.json().get("status").asText()).isEqualTo("exporting");
        String exportId = started.json().get("export").get("id").asText();

        JsonNode closed = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get(base + "/offboarding")
                                .bearer(admin)
                                .send()
                                .assertStatus(200)
                                .json(),
                        o -> !o.get("status").asText().equals("exporting"));
        assertThat(closed.get("status").asText()).as(closed.toString()).isEqualTo("closed");
        JsonNode export = closed.get("export");
        assertThat(export.get("id").asText()).isEqualTo(exportId);
        assertThat(export.get("status").asText()).isEqualTo("ready");
        assertThat(Instant.parse(closed.get("closedAt").asText()))
                .as("closed after the export was ready")
                .isAfterOrEqualTo(Instant.parse(export.get("finishedAt").asText()));
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> api.get(base)
                                .bearer(admin)
                                .send()
                                .json()
                                .get("status")
                                .asText(),
                        "closed"::equals);
        // The export stays downloadable by the platform after the close.
        HttpResponse<byte[]> file = download(base + "/exports/" + exportId + "/file", null, admin);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(sha256(file.body()))
                .isEqualTo(export.get("manifest").get("sha256").asText());
        assertThat(lines(file.body()))
                .extracting(e -> e.get("type").asText())
                .contains("ProductCreatedEvent")
                .doesNotContain("TenantClosedEvent");

        api.post(base + "/offboarding").bearer(admin).send().assertProblem(409, "offboarding_started");
        api.post("/api/v1/platform/tenants/" + UUID.randomUUID() + "/offboarding")
                .bearer(admin)
                .send()
                .assertProblem(404, "not_found");
    }

    @Test
    @DisplayName(
            "offboarding with shredKeys shreds the closed tenant's keys: the export taken before still reads, the events read [erased]")
    void offboardingShredsKeys() throws Exception {
        String email = "zoe-" + shortId() + "@example.com";
        Api.Response contact = api.post("/api/v1/contacts")
                .in(shop, owner)
                .returningRepresentation()
                .json(Map.of("name", "Zoe Offboarded", "emails", List.of(email)))
                .send();
        contact.assertStatus(201);
        String contactId = contact.json().get("id").asText();
        Platform.Shop other = platform.newShop();
        String otherOwner = platform.ownerToken(other);
        String otherEmail = "yann-" + shortId() + "@example.com";
        String otherContact = api.post("/api/v1/contacts")
                .in(other, otherOwner)
                .returningRepresentation()
                .json(Map.of("name", "Yann Stays", "emails", List.of(otherEmail)))
                .send()
                .assertStatus(201)
                .json()
                .get("id")
                .asText();
        String admin = platform.adminToken();
        String base = "/api/v1/platform/tenants/" + shop.id();

        // Only the platform's administrators offboard: the tenant's own owner is refused.
        api.post(base + "/offboarding")
                .bearer(owner)
                .json(Map.of("shredKeys", true))
                .send()
                .assertStatus(403);
        Api.Response started = api.post(base + "/offboarding")
                .bearer(admin)
                .json(Map.of("reason", "Erase us", "shredKeys", true))
                .send();
        started.assertStatus(202);
        assertThat(started.json().get("shredKeys").asBoolean()).isTrue();
        assertThat(started.json().get("keysShredded").isNull()).isTrue();

        JsonNode done = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get(base + "/offboarding")
                                .bearer(admin)
                                .send()
                                .assertStatus(200)
                                .json(),
                        o -> !o.get("status").asText().equals("exporting")
                                && (!o.get("keysShredded").isNull()
                                        || !o.get("error").isNull()));
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("closed");
        assertThat(done.get("error").isNull()).as(done.toString()).isTrue();
        // The owner's user key and the contact's key, at least.
        assertThat(done.get("keysShredded").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(asTenant(shop, () -> jdbc.queryForObject("SELECT count(*) FROM subject_keys", Long.class)))
                .isZero();

        // The export, taken before, keeps the personal data as it was.
        String exportId = done.get("export").get("id").asText();
        HttpResponse<byte[]> file = download(base + "/exports/" + exportId + "/file", null, admin);
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(new String(
                        new GZIPInputStream(new ByteArrayInputStream(file.body())).readAllBytes(),
                        StandardCharsets.UTF_8))
                .contains(email);

        // The stored events read [erased]; the shredding is an event of the tenant's history.
        String history = api.get(base + "/audit/contact/" + contactId + "/history")
                .bearer(admin)
                .send()
                .assertStatus(200)
                .body();
        assertThat(history).doesNotContain(email).doesNotContain("Zoe").contains("[erased]");
        String tenantHistory = api.get(base + "/audit/tenant/" + shop.id() + "/history?limit=200")
                .bearer(admin)
                .send()
                .assertStatus(200)
                .body();
        assertThat(tenantHistory).contains("TenantClosedEvent").contains("TenantKeysShreddedEvent");

        // Another tenant's keys and data are untouched.
        assertThat(api.get("/api/v1/audit/contact/" + otherContact + "/history")
                        .in(other, otherOwner)
                        .send()
                        .assertStatus(200)
                        .body())
                .contains(otherEmail);
    }

    @Test
    @DisplayName("without shredKeys the closed tenant keeps its keys and its events read in clear")
    void offboardingKeepsKeysByDefault() throws Exception {
        String email = "kept-" + shortId() + "@example.com";
        String contactId = api.post("/api/v1/contacts")
                .in(shop, owner)
                .returningRepresentation()
                .json(Map.of("name", "Kept Contact", "emails", List.of(email)))
                .send()
                .assertStatus(201)
                .json()
                .get("id")
                .asText();
        String admin = platform.adminToken();
        String base = "/api/v1/platform/tenants/" + shop.id();
        api.post(base + "/offboarding")
                .bearer(admin)
                .json(Map.of("shredKeys", "maybe"))
                .send()
                .assertProblem(400, "validation_failed");
        api.post(base + "/offboarding").bearer(admin).json(Map.of()).send().assertStatus(202);
        JsonNode done = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get(base + "/offboarding")
                                .bearer(admin)
                                .send()
                                .json(),
                        o -> o.get("status").asText().equals("closed"));
        assertThat(done.get("shredKeys").asBoolean()).isFalse();
        assertThat(done.get("keysShredded").isNull()).isTrue();
        assertThat(api.get(base + "/audit/contact/" + contactId + "/history")
                        .bearer(admin)
                        .send()
                        .body())
                .contains(email);
    }
}
