package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.infra.audit.EventFilter;
import dev.tenantcore.infra.audit.TenantEventLog;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Auditors and owners read the tenant's history: one aggregate's events with who caused them and
 * from where, its state as of an instant or a version, and the tenant's whole stream as NDJSON;
 * never another tenant's, and an auditor changes nothing.
 */
class AuditTest extends ShopTest {

    private static final String AGENT = "AuditTest/1.0 (curious)";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TenantEventLog log;

    private String auditor() {
        return platform.staffToken(shop, owner, "auditor");
    }

    private String product(String slug, long price) {
        return api.post("/api/v1/products")
                .in(shop, owner)
                .header("User-Agent", AGENT)
                .returningRepresentation()
                .json(Platform.productBody("Audited " + slug, slug, "digital", price))
                .send()
                .assertStatus(201)
                .json()
                .get("id")
                .asText();
    }

    private void reprice(String productId, long price) {
        api.patch("/api/v1/products/" + productId)
                .in(shop, owner)
                .header("User-Agent", AGENT)
                .json(Map.of("price", Map.of("amountMinor", price, "currency", "EUR")))
                .send()
                .assertStatus(200);
    }

    private Api.Response get(String token, String path) {
        return api.get(path).in(shop, token).send();
    }

    @Nested
    @DisplayName("the history of one aggregate")
    class History {

        @Test
        @DisplayName("lists its events in order with the payload, who and from where, and the correlation ids")
        void eventsInOrder() {
            String productId = product("hist-" + shortId(), 100);
            reprice(productId, 250);
            String ownerId = get(owner, "/api/v1/auth/me").json().get("id").asText();

            Api.Response history = get(auditor(), "/api/v1/audit/product/" + productId + "/history");

            history.assertStatus(200);
            JsonNode items = history.json().get("items");
            assertThat(items).hasSize(2);
            assertThat(items.get(0).get("type").asText()).isEqualTo("ProductCreatedEvent");
            assertThat(items.get(1).get("type").asText()).isEqualTo("ProductUpdatedEvent");
            assertThat(items.get(0).get("sequence").asLong()).isZero();
            assertThat(items.get(1).get("sequence").asLong()).isEqualTo(1);
            assertThat(items.get(0).get("revision").asText()).isEqualTo("1");
            assertThat(items.get(0).get("aggregateType").asText()).isEqualTo("product");
            assertThat(items.get(1).get("payload").toString()).contains("250");
            JsonNode first = items.get(0);
            assertThat(first.get("actor").get("kind").asText()).isEqualTo("user");
            assertThat(first.get("actor").get("id").asText()).isEqualTo(ownerId);
            assertThat(first.get("clientIp").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
            assertThat(first.get("userAgent").asText()).isEqualTo(AGENT);
            assertThat(first.get("correlationId").asText()).isNotBlank();
            assertThat(first.get("causationId").asText()).isNotBlank();
            assertThat(Instant.parse(first.get("timestamp").asText())).isBeforeOrEqualTo(Instant.now());
            assertThat(history.json().get("nextCursor").isNull()).isTrue();
        }

        @Test
        @DisplayName("pages with an opaque cursor, and refuses a forged one")
        void cursorPages() {
            String productId = product("page-" + shortId(), 100);
            reprice(productId, 200);
            reprice(productId, 300);
            String path = "/api/v1/audit/product/" + productId + "/history";

            List<Long> sequences = new ArrayList<>();
            String cursor = null;
            do {
                Api.Response page = get(owner, path + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
                page.assertStatus(200);
                page.json()
                        .get("items")
                        .forEach(e -> sequences.add(e.get("sequence").asLong()));
                cursor = page.json().get("nextCursor").isNull()
                        ? null
                        : page.json().get("nextCursor").asText();
            } while (cursor != null);

            assertThat(sequences).containsExactly(0L, 1L, 2L);
            get(owner, path + "?cursor=not-a-cursor").assertProblem(400, "validation_failed");
        }

        @Test
        @DisplayName("shows who the platform was, and withholds the digests of secrets")
        void platformAndSecrets() {
            Api.Response tenant = get(owner, "/api/v1/audit/tenant/" + shop.id() + "/history");
            tenant.assertStatus(200);
            JsonNode registered = tenant.json().get("items").get(0);
            assertThat(registered.get("type").asText()).isEqualTo("TenantRegisteredEvent");
            assertThat(registered.get("actor").get("kind").asText()).isIn("platform", "system");

            String ownerId = get(owner, "/api/v1/auth/me").json().get("id").asText();
            Api.Response user = get(owner, "/api/v1/audit/user-account/" + ownerId + "/history");
            user.assertStatus(200);
            JsonNode payload = user.json().get("items").get(0).get("payload");
            assertThat(payload.get("passwordHash").asText()).isEqualTo("[withheld]");
            assertThat(user.body()).doesNotContain("$argon2");
        }
    }

    @Nested
    @DisplayName("another tenant")
    class OtherTenant {

        @Test
        @DisplayName("gets exactly what a missing aggregate gets, and none of the shop's events in its stream")
        void seesNothing() {
            String productId = product("mine-" + shortId(), 100);
            Platform.Shop other = platform.newShop();
            String otherOwner = platform.ownerToken(other);

            Api.Response foreign = api.get("/api/v1/audit/product/" + productId + "/history")
                    .in(other, otherOwner)
                    .send();
            Api.Response missing = api.get("/api/v1/audit/product/" + UUID.randomUUID() + "/history")
                    .in(other, otherOwner)
                    .send();
            foreign.assertProblem(404, "not_found");
            assertThat(foreign.json().get("detail")).isEqualTo(missing.json().get("detail"));
            api.get("/api/v1/audit/product/" + productId)
                    .in(other, otherOwner)
                    .send()
                    .assertProblem(404, "not_found");
            api.get("/api/v1/audit/tenant/" + shop.id())
                    .in(other, otherOwner)
                    .send()
                    .assertProblem(404, "not_found");

            Api.Response stream =
                    api.get("/api/v1/audit/events").in(other, otherOwner).send();
            stream.assertStatus(200);
            assertThat(stream.body())
                    .contains(other.id())
                    .doesNotContain(productId)
                    .doesNotContain(shop.id());
        }

        @Test
        @DisplayName("reads nothing through the event log, even without a tenant set")
        void logIsTenantBound() {
            String productId = product("bound-" + shortId(), 100);
            List<String> seen = new ArrayList<>();
            try (var scope = TenantContext.enter(TenantId.of(platform.newShop().id()), null)) {
                log.stream(new EventFilter(null, null, null, null, null, 0), 0, e -> seen.add(e.aggregateId()));
                assertThat(log.history("Product", productId, -1, 10)).isEmpty();
            }
            assertThat(seen).isNotEmpty().doesNotContain(productId);
            assertThat(log.history("Product", productId, -1, 10))
                    .as("no tenant set")
                    .isEmpty();
        }
    }

    @Nested
    @DisplayName("the state as of an instant")
    class AsOf {

        @Test
        @DisplayName("is the product as its events had made it then, by instant and by version")
        void productAsOf() {
            String productId = product("asof-" + shortId(), 100);
            reprice(productId, 250);
            JsonNode events = get(owner, "/api/v1/audit/product/" + productId + "/history")
                    .json()
                    .get("items");
            String created = events.get(0).get("timestamp").asText();
            String auditor = auditor();

            Api.Response then = get(auditor, "/api/v1/audit/product/" + productId + "?asOf=" + created);
            Api.Response first = get(auditor, "/api/v1/audit/product/" + productId + "?version=0");
            Api.Response now = get(auditor, "/api/v1/audit/product/" + productId);

            then.assertStatus(200);
            assertThat(then.json().get("version").asLong()).isZero();
            assertThat(then.json().get("state").findValue("amountMinor").asLong())
                    .isEqualTo(100);
            assertThat(first.json().get("state")).isEqualTo(then.json().get("state"));
            now.assertStatus(200);
            assertThat(now.json().get("version").asLong()).isEqualTo(1);
            assertThat(now.json().get("deleted").asBoolean()).isFalse();
            assertThat(now.json().get("state").findValue("amountMinor").asLong())
                    .isEqualTo(250);
            Instant before = Instant.parse(created).minusSeconds(60);
            get(auditor, "/api/v1/audit/product/" + productId + "?asOf=" + before)
                    .assertProblem(404, "not_found");
            get(auditor, "/api/v1/audit/product/" + productId + "?asOf=" + created + "&version=0")
                    .assertProblem(400, "validation_failed");
            get(auditor, "/api/v1/audit/nothing/" + productId).assertProblem(404, "not_found");
        }

        @Test
        @DisplayName("rebuilds orders, payments, invoices, contacts and the tenant's settings")
        void everyListedAggregate() {
            String productId = platform.newProduct(shop, owner, "stock-" + shortId(), 500, 5)
                    .get("id")
                    .asText();
            String customer = customer();
            String orderId = Orders.place(api, shop, customer, Orders.body(productId, 2, Orders.BILLING, null))
                    .json()
                    .get("id")
                    .asText();
            String paymentId =
                    Orders.awaitSagaPayment(api, shop, owner, orderId).get("id").asText();
            String invoiceId = submit(
                            owner,
                            "/api/v1/invoices",
                            Map.of(
                                    "currency",
                                    "EUR",
                                    "buyer",
                                    Map.of("name", "Audit Client"),
                                    "lines",
                                    List.of(Map.of("description", "Audit", "quantity", 1, "unitPriceMinor", 4200))))
                    .json()
                    .get("id")
                    .asText();
            String contactId = submit(
                            owner,
                            "/api/v1/contacts",
                            Map.of("name", "Ada Audit", "emails", List.of("ada-" + shortId() + "@audit.test")))
                    .json()
                    .get("id")
                    .asText();
            api.put("/api/v1/tenant/settings")
                    .in(shop, owner)
                    .json(Platform.settings("Audited Shop", 0))
                    .send()
                    .assertStatus(200);
            String auditor = auditor();

            assertThat(state(auditor, "order", orderId)).contains("1000");
            assertThat(state(auditor, "payment", paymentId)).contains(orderId);
            assertThat(state(auditor, "invoice", invoiceId)).contains("Audit Client");
            assertThat(state(auditor, "contact", contactId)).contains("Ada Audit");
            assertThat(state(auditor, "tenant", shop.id())).contains("Audited Shop");
            Api.Response registered = get(auditor, "/api/v1/audit/tenant/" + shop.id() + "?version=0");
            registered.assertStatus(200);
            assertThat(registered.body()).doesNotContain("Audited Shop");
        }

        private String state(String token, String type, String id) {
            Api.Response state = get(token, "/api/v1/audit/" + type + "/" + id);
            state.assertStatus(200);
            assertThat(state.json().get("aggregateType").asText()).isEqualTo(type);
            return state.json().get("state").toString();
        }
    }

    @Nested
    @DisplayName("the tenant's event stream")
    class Stream {

        @Test
        @DisplayName("is NDJSON in store order, filtered by type, aggregate type, user and time")
        void filtered() throws Exception {
            String productId = product("stream-" + shortId(), 100);
            reprice(productId, 300);
            String ownerId = get(owner, "/api/v1/auth/me").json().get("id").asText();
            String auditor = auditor();

            Api.Response all = get(auditor, "/api/v1/audit/events");
            all.assertStatus(200);
            assertThat(all.header("Content-Type")).startsWith("application/x-ndjson");
            List<JsonNode> lines = lines(all.body());
            assertThat(lines).hasSizeGreaterThan(3);
            long previous = 0;
            for (JsonNode line : lines) {
                assertThat(line.get("globalPosition").asLong()).isGreaterThan(previous);
                previous = line.get("globalPosition").asLong();
            }

            List<JsonNode> updates = lines(
                    get(auditor, "/api/v1/audit/events?type=ProductUpdatedEvent&aggregateType=product&user=" + ownerId)
                            .body());
            assertThat(updates).hasSize(1);
            assertThat(updates.get(0).get("aggregateId").asText()).isEqualTo(productId);
            String at = updates.get(0).get("timestamp").asText();
            assertThat(lines(get(auditor, "/api/v1/audit/events?from=" + at).body()))
                    .extracting(l -> l.get("type").asText())
                    .contains("ProductUpdatedEvent")
                    .doesNotContain("ProductCreatedEvent");
            assertThat(lines(get(auditor, "/api/v1/audit/events?to=" + at).body()))
                    .extracting(l -> l.get("type").asText())
                    .doesNotContain("ProductUpdatedEvent");
            long after = updates.get(0).get("globalPosition").asLong();
            assertThat(lines(get(auditor, "/api/v1/audit/events?after=" + after).body()))
                    .allSatisfy(
                            l -> assertThat(l.get("globalPosition").asLong()).isGreaterThan(after));
            get(auditor, "/api/v1/audit/events?type=Product%25").assertProblem(400, "validation_failed");
            get(auditor, "/api/v1/audit/events?aggregateType=nothing").assertProblem(400, "validation_failed");
        }

        @Test
        @DisplayName("streams thousands of events from a database cursor, a fetch at a time, never all at once")
        void streamsFromACursor() throws Exception {
            int count = 3 * TenantEventLog.FETCH_SIZE + 17;
            jdbc.update("""
                    INSERT INTO domain_event_entry (aggregate_identifier, sequence_number, type, event_identifier,
                                                    meta_data, payload, payload_revision, payload_type, time_stamp)
                    SELECT ?, n, 'AuditProbe', gen_random_uuid()::text,
                           convert_to('{"tenantId":"' || ? || '"}', 'UTF8'), convert_to('{"n":' || n || '}', 'UTF8'),
                           '1', 'dev.tenantcore.test.AuditProbeEvent', to_char(now() AT TIME ZONE 'UTC',
                           'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
                      FROM generate_series(0, ? - 1) n
                    """, UUID.randomUUID().toString(), shop.id(), count);

            AtomicInteger seen = new AtomicInteger();
            AtomicLong openPortals = new AtomicLong(-1);
            try (var scope = TenantContext.enter(TenantId.of(shop.id()), null)) {
                log.stream(new EventFilter(null, null, "AuditProbeEvent", null, null, 0), 0, e -> {
                    if (seen.getAndIncrement() == 0) {
                        // The same transaction's connection: the query is still open as a portal,
                        // its rows fetched as they are read.
                        openPortals.set(jdbc.queryForObject("SELECT count(*) FROM pg_cursors", Long.class));
                    }
                });
            }
            assertThat(seen.get()).isEqualTo(count);
            assertThat(openPortals.get()).isPositive();

            Api.Response all = get(auditor(), "/api/v1/audit/events?type=AuditProbeEvent");
            all.assertStatus(200);
            assertThat(lines(all.body())).hasSize(count);
        }
    }

    @Test
    @DisplayName("an auditor reads the shop but every change is refused and nothing is written")
    void auditorChangesNothing() {
        String auditor = auditor();
        String productId = product("ro-" + shortId(), 100);
        Long before = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);

        get(auditor, "/api/v1/products/" + productId).assertStatus(200);
        get(auditor, "/api/v1/orders").assertStatus(200);
        api.patch("/api/v1/products/" + productId)
                .in(shop, auditor)
                .json(Map.of("price", Map.of("amountMinor", 1, "currency", "EUR")))
                .send()
                .assertProblem(403, "forbidden");
        api.patch("/api/v1/account")
                .in(shop, auditor)
                .json(Map.of("displayName", "Changed"))
                .send()
                .assertProblem(403, "forbidden");
        api.post("/api/v1/users")
                .in(shop, auditor)
                .json(Map.of("email", "x-" + shortId() + "@audit.test", "role", "owner", "password", "pw-123456789"))
                .send()
                .assertProblem(403, "forbidden");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class))
                .isEqualTo(before);
    }

    @Test
    @DisplayName("a manager cannot make an auditor, and staff cannot read the audit")
    void onlyOwnersMakeAuditors() {
        String manager = platform.staffToken(shop, owner, "manager");
        api.post("/api/v1/users")
                .in(shop, manager)
                .json(Map.of("email", "a-" + shortId() + "@audit.test", "role", "auditor", "password", "pw-123456789"))
                .send()
                .assertProblem(403, "forbidden");
        String staff = platform.staffToken(shop, owner, "staff");
        get(staff, "/api/v1/audit/events").assertProblem(403, "forbidden");
        get(manager, "/api/v1/audit/tenant/" + shop.id()).assertProblem(403, "forbidden");
    }

    private static List<JsonNode> lines(String ndjson) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : ndjson.split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
