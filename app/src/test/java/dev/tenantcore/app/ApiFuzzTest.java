package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.IntegrationTest;
import dev.tenantcore.app.support.MediaFiles;
import dev.tenantcore.app.support.Multipart;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bad input, generated from the committed API document, sent to every operation as a caller that
 * is allowed to call it: no answer may be a 5xx, every 4xx is a problem with a stable code, and a
 * refused request writes nothing (neither an event nor a row of the command side's lookups, the
 * sessions, credentials or webhook inbox).
 *
 * <p>The generator is a seeded {@link SplittableRandom} over the document rather than jqwik: jqwik
 * runs its properties outside JUnit Jupiter's lifecycle, so the Spring test context (the running
 * application, its port, its database) would need jqwik's separate Spring extension, and jqwik's
 * shrinking assumes independent tries while these all change one running application. A fixed,
 * printed seed gives the same reproducibility; {@code -Dfuzz.seed=…} replays another run and
 * {@code -Dfuzz.cases=…} sets the cases per operation.
 */
@IntegrationTest
class ApiFuzzTest {

    @LocalServerPort
    private int port;

    private Api api;
    private Platform platform;

    private static final long SEED = Long.getLong("fuzz.seed", 20261203L);
    private static final int CASES_PER_OPERATION = Integer.getInteger("fuzz.cases", 30);
    private static final Path DOCUMENT = Path.of("..", "docs", "openapi.json");

    /**
     * What a request writes synchronously besides events. Not watched: rate-limit buckets (every
     * request counts), idempotency keys (a refusal is recorded to be replayed for the same key, as
     * Stripe does), and what only event handlers and the scheduler write (sagas, tokens, tasks),
     * since no event means no work for them.
     */
    private static final List<String> WATCHED_TABLES = List.of(
            "platform_unique_keys",
            "tenant_unique_keys",
            "tenant_facts",
            "tenant_trials",
            "pending_sign_ups",
            "tenant_owners",
            "category_tree",
            "stock_levels",
            "order_counters",
            "invoice_counters",
            "invoicing_orders",
            "payment_provider_settings",
            "payment_references",
            "lead_form_definitions",
            "auth_sessions",
            "revoked_sessions",
            "signing_keys",
            "tenant_credentials",
            "credential_keys",
            "platform_webhook_endpoints",
            "webhook_deliveries",
            // Not email_deliveries: the email processor queues mails for events of accepted cases.
            "email_settings",
            "email_template_overrides",
            "media_usage",
            "media_files",
            "media_references",
            "contact_field_definitions",
            "contact_stage_lists",
            "crm_channels",
            "crm_channel_sends",
            "platform_channel_endpoints",
            "coupon_codes",
            "coupon_redemptions",
            "outbound_webhook_endpoints",
            "outbound_webhook_messages",
            "automation_rule_definitions");

    private static final String SIGNATURE_SQL = WATCHED_TABLES.stream()
            .map(table ->
                    "SELECT '" + table + "', count(*) || ':' || coalesce(max(xmin::text::bigint), 0) FROM " + table)
            .collect(Collectors.joining(" UNION ALL "));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TRACE = Pattern.compile("\"traceId\"\\s*:\\s*\"[^\"]+\"");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private PlatformTransactionManager transactionManager;

    private String admin;
    private Platform.Shop shop;
    private String owner;
    private Platform.Shop victim;
    private Platform.Customer customer;
    private String accountHolder;
    private final Map<String, String> ids = new LinkedHashMap<>();

    @Test
    @DisplayName("bad input to every documented operation gets a 4xx problem with a code, never a 5xx, and a"
            + " refusal writes nothing")
    void badInputToEveryOperation() throws IOException {
        List<FuzzOperation> operations = FuzzOperation.all(DOCUMENT);
        prepareFixtures();
        FuzzCases cases = new FuzzCases(SEED, ids);
        SplittableRandom order = new SplittableRandom(SEED);
        Figures figures = new Figures();
        System.out.printf(
                "API fuzz: seed %d (replay with -Dfuzz.seed=%d), %d cases per operation (-Dfuzz.cases)%n",
                SEED, SEED, CASES_PER_OPERATION);
        long started = System.nanoTime();
        Map<String, String> before = snapshot();
        long deadLettersBefore = deadLetters();
        for (FuzzOperation operation : operations) {
            List<FuzzCases.Kind> kinds = new ArrayList<>(cases.kinds(operation));
            Collections.shuffle(kinds, new java.util.Random(order.nextLong()));
            for (int i = 0; i < CASES_PER_OPERATION; i++) {
                FuzzCases.Kind kind = kinds.get(i % kinds.size());
                FuzzCases.Case fuzz = cases.next(operation, kind, pathValues(operation), callerHeaders(operation, i));
                Answer answer = send(fuzz);
                figures.count(fuzz, answer);
                before = judge(fuzz, answer, before, figures);
            }
        }
        figures.seconds = (System.nanoTime() - started) / 1e9;
        stillProjecting(figures);
        if (deadLetters() != deadLettersBefore) {
            figures.finding("events accepted during the run were dead-lettered by a projection: "
                    + (deadLetters() - deadLettersBefore));
        }
        String report = figures.report(operations.size());
        System.out.println(report);
        Files.writeString(Path.of("target", "api-fuzz-report.txt"), report);
        assertThat(figures.findings).as(report).isEmpty();
        assertThat(figures.covered).as("operations that got cases").hasSize(operations.size());
    }

    /**
     * Whatever was accepted, the read models still follow: a product created now reaches the
     * storefront. An accepted event that a projection cannot write stops its processor for every
     * tenant, which no single answer shows.
     */
    private void stillProjecting(Figures figures) {
        String slug = "after-fuzz-" + suffix();
        platform.newProduct(shop, owner, slug, 100);
        try {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> api.get("/api/v1/public/products/" + slug)
                                    .origin(shop.domain())
                                    .send()
                                    .status()
                            == 200);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            figures.finding("after the run, a new product did not reach the storefront within 30 s:"
                    + " a projection is stuck");
        }
    }

    private long deadLetters() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry", Long.class);
        return count == null ? 0 : count;
    }

    // ---- judging answers

    private Map<String, String> judge(FuzzCases.Case fuzz, Answer answer, Map<String, String> before, Figures figures) {
        String where = fuzz.operation().name() + " [" + fuzz.kind() + ": " + fuzz.what() + "] → " + answer.status;
        if (answer.status >= 500) {
            figures.finding(where + " " + FuzzCases.abbreviate(answer.body));
        } else if (answer.status >= 400) {
            String type = answer.contentType;
            String code = code(answer.body);
            if (type == null || !type.startsWith("application/problem+json") || code == null || code.isBlank()) {
                figures.finding(
                        where + " is not a problem with a code: " + type + " " + FuzzCases.abbreviate(answer.body));
            }
        }
        if (answer.status >= 200 && answer.status < 300 && !fuzz.method().equals("GET")) {
            // Accepted: what it set off (a saga, a projection) settles before the next refusal is judged.
            return settled();
        }
        Map<String, String> after = snapshot();
        if (!after.equals(before)) {
            List<String> written = written(before, after);
            if (!written.isEmpty()) {
                if (answer.status >= 400) {
                    figures.finding(where + " was refused but wrote " + written);
                } else if (fuzz.method().equals("GET")) {
                    figures.finding(where + " read but wrote " + written);
                }
                // What it set off must not be blamed on the next case.
                return settled();
            }
        }
        return after;
    }

    /** What changed between two snapshots, leaving out events of other tests' tenants. */
    private List<String> written(Map<String, String> before, Map<String, String> after) {
        List<String> changed = new ArrayList<>();
        for (String key : after.keySet()) {
            if (key.equals("events")) {
                changed.addAll(ourEvents(Long.parseLong(before.get(key))));
            } else if (!after.get(key).equals(before.get(key))) {
                changed.add(key);
            }
        }
        return changed;
    }

    /** Events after {@code index} of the fuzzed tenants, or of no tenant at all. */
    private List<String> ourEvents(long index) {
        return jdbc
                .query(
                        "SELECT payload_type, convert_from(meta_data, 'UTF8') AS meta FROM domain_event_entry"
                                + " WHERE global_index > ? ORDER BY global_index",
                        (rs, n) -> {
                            String meta = rs.getString("meta");
                            boolean ours = meta == null
                                    || !meta.contains("\"tenantId\"")
                                    || meta.contains(shop.id())
                                    || meta.contains(victim.id());
                            return ours && !followUp(meta, index) ? "event " + rs.getString("payload_type") : null;
                        },
                        index)
                .stream()
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /**
     * Whether an event continues work an earlier request started (a saga reacting to an accepted
     * cancellation, say): its trace, which Axon carries from the first command to every message it
     * causes, already has events at or before {@code index}. Such an event is not the refused
     * request's doing, however late a loaded machine delivers it.
     */
    private boolean followUp(String meta, long index) {
        Matcher trace = TRACE.matcher(meta);
        if (!trace.find()) {
            return false;
        }
        Boolean earlier = jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE global_index <= ?"
                        + " AND position(? IN convert_from(meta_data, 'UTF8')) > 0)",
                Boolean.class,
                index,
                trace.group());
        return Boolean.TRUE.equals(earlier);
    }

    /** The event store's last index and each watched table's rows as both fuzzed tenants see them. */
    private Map<String, String> snapshot() {
        Map<String, String> state = new TreeMap<>();
        Long events = jdbc.queryForObject("SELECT coalesce(max(global_index), 0) FROM domain_event_entry", Long.class);
        state.put("events", String.valueOf(events));
        for (Platform.Shop tenant : List.of(shop, victim)) {
            asTenant(tenant, () -> {
                jdbc.query(SIGNATURE_SQL, rs -> {
                    state.put(rs.getString(1) + (tenant == shop ? "" : " (platform's tenant)"), rs.getString(2));
                });
                return null;
            });
        }
        return state;
    }

    /** The snapshot once nothing has changed for a moment. */
    private Map<String, String> settled() {
        List<Map<String, String>> last = new ArrayList<>(List.of(snapshot()));
        long[] since = {System.nanoTime()};
        Awaitility.await()
                .pollInterval(Duration.ofMillis(50))
                .atMost(Duration.ofSeconds(15))
                .until(() -> {
                    Map<String, String> now = snapshot();
                    if (!now.equals(last.get(0))) {
                        last.set(0, now);
                        since[0] = System.nanoTime();
                    }
                    return System.nanoTime() - since[0]
                            >= Duration.ofMillis(200).toNanos();
                });
        return last.get(0);
    }

    private static String code(String body) {
        try {
            JsonNode code = JSON.readTree(body).get("code");
            return code == null || !code.isTextual() ? null : code.asText();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    // ---- sending

    private record Answer(int status, String contentType, String body) {}

    private Answer send(FuzzCases.Case fuzz) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + fuzz.target()))
                    .timeout(Duration.ofSeconds(30))
                    .method(
                            fuzz.method(),
                            fuzz.body() == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(fuzz.body()));
            for (String[] header : fuzz.headers()) {
                request.header(header[0], header[1]);
            }
        } catch (IllegalArgumentException e) {
            // A request the HTTP client itself will not send (an illegal URI or header).
            return new Answer(0, null, e.getMessage());
        }
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(
                    response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(null),
                    new String(response.body(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Answer(-1, null, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- fixtures and callers

    /** Resources of each kind the operations' path ids name, made through the API. */
    private void prepareFixtures() throws IOException {
        // The API document is generated on its first request, which on a loaded machine takes longer
        // than the contract check's patience: ask for it once, patiently, before connecting.
        try {
            HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                            .timeout(Duration.ofMinutes(5))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        api = new Api(port);
        platform = new Platform(api);
        // The first sign-in of a cold JVM waits for the bootstrap administrator's account and for
        // Argon2 to warm up; on a loaded machine that takes longer than Platform's patience.
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> api.post("/api/v1/auth/login")
                                .json(Map.of("email", Platform.ADMIN_EMAIL, "password", Platform.ADMIN_PASSWORD))
                                .send()
                                .status()
                        == 200);
        admin = platform.adminToken();
        shop = platform.newShop();
        owner = platform.ownerToken(shop);
        victim = platform.newShop();
        customer = platform.newCustomer(shop);
        accountHolder = accountHolderWithASecondSession();

        JsonNode category = submit(owner, "/api/v1/categories", Map.of("name", "Fuzzed", "slug", "fuzzed-" + suffix()))
                .json();
        ids.put("categoryId", category.get("id").asText());
        ids.put("category", category.get("id").asText());
        ids.put("categorySlug", category.get("slug").asText());
        JsonNode product = platform.newProduct(shop, owner, "fuzzed-" + suffix(), 1250, 1_000_000);
        ids.put("productId", product.get("id").asText());
        ids.put("product", product.get("id").asText());
        ids.put("productSlug", product.get("slug").asText());
        ids.put("customerId", customer.id());
        ids.put(
                "media",
                MediaFiles.upload(
                                api,
                                shop,
                                owner,
                                new Multipart()
                                        .file("fuzzed.png", "image/png", MediaFiles.image("png", 40, 30))
                                        .field("entityType", "product")
                                        .field("entityId", ids.get("productId")))
                        .json()
                        .get("id")
                        .asText());

        Api.Response placed =
                Orders.place(api, shop, customer.token(), Orders.body(ids.get("productId"), 1, Orders.BILLING, null));
        placed.assertStatus(201);
        ids.put("orderId", placed.json().get("id").asText());
        ids.put(
                "payment",
                Orders.awaitSagaPayment(api, shop, owner, ids.get("orderId"))
                        .get("id")
                        .asText());
        ids.put(
                "invoice",
                submit(owner, "/api/v1/invoices", invoice()).json().get("id").asText());
        ids.put(
                "apiKey",
                api.post("/api/v1/api-keys")
                        .in(shop, owner)
                        .json(Map.of("name", "fuzzed", "roles", List.of("staff")))
                        .send()
                        .json()
                        .get("id")
                        .asText());
        ids.put(
                "user",
                submit(
                                owner,
                                "/api/v1/users",
                                Map.of(
                                        "email",
                                        "staff-" + suffix() + "@" + shop.domain(),
                                        "displayName",
                                        "Staff",
                                        "role",
                                        "staff",
                                        "password",
                                        Platform.STAFF_PASSWORD))
                        .json()
                        .get("id")
                        .asText());
        JsonNode form = submit(owner, "/api/v1/lead-forms", leadForm()).json();
        ids.put("leadForm", form.get("id").asText());
        ids.put("formKey", form.get("formKey").asText());
        ids.put("lead", lead(form.get("formKey").asText()));
        String extra = "extra-" + suffix() + ".test";
        api.post("/api/v1/tenant/domains")
                .in(shop, owner)
                .json(Map.of("domain", extra))
                .send();
        ids.put("tenantDomain", extra);
        String victimExtra = "extra-" + suffix() + ".test";
        platform.addDomain(admin, victim, victimExtra);
        ids.put("victimDomain", victimExtra);
        ids.put("webhookEndpoint", webhookEndpoint());
        ids.put(
                "emailDelivery",
                api.post("/api/v1/email/settings/test")
                        .in(shop, owner)
                        .send()
                        .json()
                        .get("id")
                        .asText());
        ids.put(
                "contactField",
                submit(owner, "/api/v1/contact-fields", Map.of("key", "fuzzed", "label", "Fuzzed", "type", "text"))
                        .json()
                        .get("id")
                        .asText());
        ids.put(
                "contact",
                submit(
                                owner,
                                "/api/v1/contacts",
                                Map.of("name", "Fuzzed", "emails", List.of("fuzzed-" + suffix() + "@example.com")))
                        .json()
                        .get("id")
                        .asText());
        ids.put(
                "segment",
                submit(
                                owner,
                                "/api/v1/segments",
                                Map.of(
                                        "name",
                                        "Fuzzed",
                                        "filter",
                                        Map.of(
                                                "match",
                                                "all",
                                                "conditions",
                                                List.of(Map.of("type", "has_ordered", "ordered", true)))))
                        .json()
                        .get("id")
                        .asText());
        ids.put(
                "automationRule",
                submit(
                                owner,
                                "/api/v1/automations/rules",
                                Map.of(
                                        "name",
                                        "Fuzzed",
                                        "trigger",
                                        "order.placed",
                                        "condition",
                                        "event.data.totals.totalMinor > 100",
                                        "actions",
                                        List.of(Map.of("type", "add_tag", "tag", "fuzzed"))))
                        .json()
                        .get("id")
                        .asText());
        ids.put(
                "coupon",
                submit(
                                owner,
                                "/api/v1/coupons",
                                Map.of("code", "FUZZ" + suffix(), "kind", "percentage", "percentBasisPoints", 1000))
                        .json()
                        .get("id")
                        .asText());
        // An outbound webhook endpoint to a closed local port: its messages fail and are retried, which
        // writes nothing that a case is judged by.
        ids.put(
                "outboundWebhookEndpoint",
                submit(
                                owner,
                                "/api/v1/automations/webhook-endpoints",
                                Map.of("url", "http://127.0.0.1:9/fuzz", "eventTypes", List.of("invoice.voided")))
                        .json()
                        .path("endpoint")
                        .path("id")
                        .asText(UUID.randomUUID().toString()));
        // Settle what the fixtures set off (the saga's payment, projections) before the first case.
        settled();
    }

    /** A contact form whose every field is optional but its email, with one qualification question. */
    private static Map<String, Object> leadForm() {
        return Map.of(
                "formKey",
                "fuzzed-" + suffix(),
                "name",
                "Fuzzed",
                "fields",
                List.of(
                        Map.of("key", "email", "label", "Email", "type", "email", "required", true),
                        Map.of("key", "name", "label", "Name", "type", "text")),
                "questions",
                List.of(Map.of("key", "size", "label", "Size", "type", "choice", "options", List.of("s", "l"))));
    }

    /** A lead submitted through the form {@code formKey}, once staff can read it. */
    private String lead(String formKey) {
        api.post("/api/v1/public/forms/" + formKey)
                .origin(shop.domain())
                .json(Map.of("fields", Map.of("email", "visitor@" + shop.domain())))
                .send()
                .assertStatus(202);
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> api.get("/api/v1/leads")
                                .in(shop, owner)
                                .send()
                                .json()
                                .get("items"),
                        items -> items.size() == 1)
                .get(0)
                .get("id")
                .asText();
    }

    private Map<String, Object> invoice() {
        Map<String, Object> buyer = new LinkedHashMap<>(Orders.BILLING);
        buyer.put("name", "Client Co");
        return Map.of(
                "currency",
                "EUR",
                "buyer",
                buyer,
                "lines",
                List.of(Map.of(
                        "description",
                        "Consulting",
                        "quantity",
                        1,
                        "unitPriceMinor",
                        8000,
                        "taxRateBasisPoints",
                        2100)));
    }

    /** A customer signed in twice: the fuzzer may end the second session, never the one it calls with. */
    private String accountHolderWithASecondSession() {
        String email = "holder-" + suffix() + "@" + shop.domain();
        Api.Response registered = api.post("/api/v1/auth/register")
                .origin(shop.domain())
                .json(Map.of("email", email, "password", "customer-password-1", "displayName", "Holder"))
                .send();
        registered.assertStatus(201);
        String token = registered.json().get("accessToken").asText();
        platform.login(shop, email, "customer-password-1").assertStatus(200);
        JsonNode sessions =
                api.get("/api/v1/auth/sessions").in(shop, token).send().json();
        for (JsonNode session : sessions.get("items")) {
            if (!session.get("current").asBoolean()) {
                ids.put("session", session.get("id").asText());
            }
        }
        return token;
    }

    /** The endpoint id of the shop's Stripe webhook path. */
    private String webhookEndpoint() {
        JsonNode providers =
                api.get("/api/v1/payment-providers").in(shop, owner).send().json();
        for (JsonNode provider : providers.get("items")) {
            JsonNode path = provider.get("webhookPath");
            if ("stripe".equals(provider.path("provider").asText()) && path != null && path.isTextual()) {
                return path.asText().substring(path.asText().lastIndexOf('/') + 1);
            }
        }
        return UUID.randomUUID().toString();
    }

    /** Posts {@code body} to the shop as {@code token}, asking for the result back. */
    private Api.Response submit(String token, String path, Object body) {
        return api.post(path)
                .in(shop, token)
                .returningRepresentation()
                .json(body)
                .send();
    }

    /** Runs {@code work} in a transaction as {@code tenant}, whose rows alone row-level security shows. */
    private <T> T asTenant(Platform.Shop tenant, Supplier<T> work) {
        try (var scope = TenantContext.enter(TenantId.of(tenant.id()), null)) {
            return new TransactionTemplate(transactionManager).execute(status -> work.get());
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A valid value for each path parameter of {@code operation}. */
    private Map<String, String> pathValues(FuzzOperation operation) {
        Map<String, String> values = new LinkedHashMap<>();
        String path = operation.path();
        for (var parameter : operation.parameters("path")) {
            String name = parameter.getName();
            var schema = parameter.getSchema();
            String value;
            if (schema != null && schema.getEnum() != null && !schema.getEnum().isEmpty()) {
                value = String.valueOf(schema.getEnum().get(0));
            } else if (name.equals("tenantId") && path.endsWith("/offboarding")) {
                // An offboarding closes the tenant it names once its export is ready, in the
                // background: a tenant that does not exist keeps that close out of the other cases'
                // judgement, while every body is still checked before the tenant is looked up.
                value = UUID.randomUUID().toString();
            } else if (name.equals("domain")) {
                value = path.startsWith("/api/v1/platform/") ? ids.get("victimDomain") : ids.get("tenantDomain");
            } else if (name.equals("slug") || name.equals("slugOrId")) {
                value = path.startsWith("/api/v1/platform/")
                        ? victim.slug()
                        : path.contains("categories") ? ids.get("categorySlug") : ids.get("productSlug");
            } else if (name.equals("provider")) {
                value = path.startsWith("/api/v1/webhooks/") ? "stripe" : "manual";
            } else if (name.equals("formKey")) {
                value = ids.get("formKey");
            } else if (name.equals("endpointId")) {
                value = ids.get("webhookEndpoint");
            } else if (name.equals("deliveryId")) {
                value = UUID.randomUUID().toString();
            } else if (name.equals("type") && path.startsWith("/api/v1/audit/subjects/")) {
                value = "contact";
            } else if (name.equals("template")) {
                value = "test";
            } else if (name.equals("locale")) {
                value = "en";
            } else {
                value = idFor(path);
            }
            values.put(name, value);
        }
        return values;
    }

    private String idFor(String path) {
        String resource = path.substring("/api/v1/".length()).split("/")[0];
        return switch (resource) {
            case "platform" -> victim.id();
            case "products" -> ids.get("product");
            case "categories" -> ids.get("category");
            case "orders" -> ids.get("orderId");
            case "payments" -> ids.get("payment");
            case "invoices" -> ids.get("invoice");
            case "api-keys" -> ids.get("apiKey");
            case "users" -> ids.get("user");
            case "contacts" -> ids.get("contact");
            case "contact-fields" -> ids.get("contactField");
            case "segments" -> ids.get("segment");
            case "automations" ->
                path.startsWith("/api/v1/automations/webhook-endpoints")
                        ? ids.get("outboundWebhookEndpoint")
                        : ids.get("automationRule");
            case "coupons" -> ids.get("coupon");
            case "leads" -> ids.get("lead");
            case "lead-forms" -> ids.get("leadForm");
            case "auth" -> ids.get("session");
            case "email" -> ids.get("emailDelivery");
            case "media" -> ids.get("media");
            case "public" ->
                path.startsWith("/api/v1/public/media/")
                        ? ids.get("media")
                        : UUID.randomUUID().toString();
            default -> UUID.randomUUID().toString();
        };
    }

    /** The headers of a caller allowed to call {@code operation}: its storefront's Origin and a token. */
    private List<String[]> callerHeaders(FuzzOperation operation, int caseNumber) {
        List<String[]> headers = new ArrayList<>();
        String origin = "http://" + shop.domain() + ":3000";
        switch (operation.caller()) {
            case PLATFORM_ADMIN -> headers.add(new String[] {"Authorization", "Bearer " + admin});
            case STAFF -> {
                headers.add(new String[] {"Origin", origin});
                headers.add(new String[] {"Authorization", "Bearer " + owner});
            }
            case STAFF_OR_CUSTOMER -> {
                headers.add(new String[] {"Origin", origin});
                headers.add(
                        new String[] {"Authorization", "Bearer " + (caseNumber % 2 == 0 ? owner : customer.token())});
            }
            case ACCOUNT_HOLDER -> {
                headers.add(new String[] {"Origin", origin});
                headers.add(new String[] {"Authorization", "Bearer " + accountHolder});
            }
            case PUBLIC -> {
                headers.add(new String[] {"Origin", origin});
                // A client address per case: the public form allows an address 10 a minute.
                headers.add(new String[] {"X-Forwarded-For", "198.18.200." + (1 + caseNumber % 250)});
            }
            case PLATFORM_SITE -> {
                headers.add(new String[] {"Origin", "https://www.tenantcore.test"});
                // A client address per case: sign-up and resend allow an address 3 an hour.
                headers.add(new String[] {"X-Forwarded-For", "198.18.201." + (1 + caseNumber % 250)});
            }
            case PROVIDER, ANYBODY -> {}
        }
        return headers;
    }

    // ---- figures

    private static final class Figures {
        final Set<String> covered = new LinkedHashSet<>();
        final Map<String, Integer> byClass = new TreeMap<>();
        final Map<Integer, Integer> byStatus = new TreeMap<>();
        final Map<String, Integer> byKind = new TreeMap<>();
        final List<String> findings = new ArrayList<>();
        int cases;
        int unsendable;
        double seconds;

        void count(FuzzCases.Case fuzz, Answer answer) {
            cases++;
            if (answer.status <= 0) {
                unsendable++;
                byClass.merge(answer.status == 0 ? "not sent" : "no answer", 1, Integer::sum);
                if (answer.status < 0) {
                    findings.add(fuzz.operation().name() + " [" + fuzz.kind() + ": " + fuzz.what() + "] got no answer: "
                            + answer.body);
                }
                return;
            }
            covered.add(fuzz.operation().name());
            byClass.merge(answer.status / 100 + "xx", 1, Integer::sum);
            byStatus.merge(answer.status, 1, Integer::sum);
            byKind.merge(fuzz.kind().name(), 1, Integer::sum);
        }

        void finding(String text) {
            findings.add(text);
        }

        String report(int operations) {
            return "API fuzz report (seed " + SEED + ")\n"
                    + "  operations covered: " + covered.size() + " of " + operations + "\n"
                    + "  cases run: " + cases + " in " + String.format("%.1f", seconds) + " s"
                    + (unsendable > 0 ? " (" + unsendable + " not answered)" : "") + "\n"
                    + "  answers by status class: " + byClass + "\n"
                    + "  answers by status: " + byStatus + "\n"
                    + "  5xx: " + byClass.getOrDefault("5xx", 0) + "\n"
                    + "  cases by kind: " + byKind + "\n"
                    + "  findings: " + findings.size() + "\n"
                    + findings.stream().limit(200).map(f -> "    " + f).collect(Collectors.joining("\n"));
        }
    }
}
