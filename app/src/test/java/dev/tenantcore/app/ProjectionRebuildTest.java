package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ProductHistory;
import dev.tenantcore.app.support.ShopTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Platform operators rebuild a projection for one tenant (its rows removed and replayed from its
 * events while the rest keeps serving) or in full: the rows afterwards equal the rows before, the
 * other tenant's rows are untouched and readable throughout, and events appended during a rebuild
 * end up in the rows.
 */
@DisplayName("Projection rebuilds")
class ProjectionRebuildTest extends ShopTest {

    private static final Duration REBUILD = Duration.ofMinutes(3);
    private static final Map<String, List<String>> TABLES = Map.of(
            "catalog", List.of("products", "categories"),
            "crm", List.of("contacts", "contact_fields", "contact_stages"),
            "orders", List.of("orders", "order_history", "coupons"));

    @Autowired
    EventStore events;

    private String admin;
    private Platform.Shop other;
    private String otherOwner;

    @BeforeEach
    void twoShops() {
        admin = platform.adminToken();
        other = platform.newShop();
        otherOwner = platform.ownerToken(other);
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** Every row of the projection's tables of {@code tenant}, as JSON text, in a fixed order. */
    private Map<String, List<String>> rows(String projection, Platform.Shop tenant) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : TABLES.get(projection)) {
            rows.put(
                    table,
                    asTenant(
                            tenant,
                            () -> jdbc.queryForList(
                                    "SELECT to_jsonb(t)::text FROM " + table + " t ORDER BY to_jsonb(t)::text",
                                    String.class)));
        }
        return rows;
    }

    private Api.Response start(String projection, String tenantId) {
        Map<String, Object> body = new HashMap<>();
        if (tenantId != null) {
            body.put("tenantId", tenantId);
        }
        return api.post("/api/v1/platform/projections/" + projection + "/rebuild")
                .bearer(admin)
                .json(body)
                .send();
    }

    private JsonNode status(String id) {
        return api.get("/api/v1/platform/projections/rebuilds/" + id)
                .bearer(admin)
                .send()
                .assertStatus(200)
                .json();
    }

    private JsonNode awaitCompleted(String id) {
        await().atMost(REBUILD)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !status(id).get("status").asText().equals("running"));
        JsonNode done = status(id);
        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(done.get("finishedAt").isNull()).isFalse();
        return done;
    }

    /** Rebuilds {@code projection} for the shop and checks that the rows are what they were. */
    private JsonNode rebuildKeepsRows(String projection) {
        Map<String, List<String>> before = rows(projection, shop);
        Map<String, List<String>> othersBefore = rows(projection, other);
        assertThat(before.values()).anySatisfy(r -> assertThat(r).isNotEmpty());

        Api.Response started = start(projection, shop.id());
        started.assertStatus(202);
        assertThat(started.header("Location"))
                .endsWith("/api/v1/platform/projections/rebuilds/"
                        + started.json().get("id").asText());
        assertThat(started.json().get("tenantId").asText()).isEqualTo(shop.id());
        JsonNode done = awaitCompleted(started.json().get("id").asText());

        assertThat(rows(projection, shop)).isEqualTo(before);
        assertThat(rows(projection, other)).isEqualTo(othersBefore);
        assertThat(done.get("eventsReplayed").asLong()).isPositive();
        return done;
    }

    private String product(Platform.Shop in, String token, long price) {
        return platform.newProduct(in, token, "rb-" + shortId(), price)
                .get("id")
                .asText();
    }

    private void reprice(String productId, long price) {
        api.patch("/api/v1/products/" + productId)
                .in(shop, owner)
                .json(Map.of("price", Map.of("amountMinor", price, "currency", "EUR")))
                .send()
                .assertStatus(200);
    }

    private long version(Platform.Shop in, String productId) {
        List<Long> versions = asTenant(
                in,
                () -> jdbc.queryForList(
                        "SELECT version FROM products WHERE id = ?", Long.class, UUID.fromString(productId)));
        return versions.isEmpty() ? -1 : versions.get(0);
    }

    @Nested
    @DisplayName("for one tenant")
    class PerTenant {

        @Test
        @DisplayName("the catalogue's rows afterwards equal the rows before; the other shop's are untouched")
        void catalogue() {
            String category = submit(owner, "/api/v1/categories", Map.of("name", "Mugs", "slug", "mugs-" + shortId()))
                    .assertStatus(201)
                    .json()
                    .get("id")
                    .asText();
            String first = product(shop, owner, 100);
            String second = product(shop, owner, 200);
            product(shop, owner, 300);
            reprice(first, 150);
            reprice(first, 175);
            transition(owner, "/api/v1/products/" + second + "/deactivate").assertStatus(200);
            api.patch("/api/v1/products/" + second)
                    .in(shop, owner)
                    .json(Map.of("categoryId", category))
                    .send()
                    .assertStatus(200);
            product(other, otherOwner, 999);
            await().atMost(Duration.ofSeconds(20)).until(() -> version(shop, first) == 2);

            JsonNode done = rebuildKeepsRows("catalog");

            assertThat(done.get("projection").asText()).isEqualTo("catalog");
            assertThat(done.get("eventsPerSecond").asDouble()).isPositive();
            api.get("/api/v1/products/" + first).in(shop, owner).send().assertStatus(200);
        }

        @Test
        @DisplayName("the CRM's contact rows afterwards equal the rows before")
        void contacts() {
            for (int i = 0; i < 3; i++) {
                Map<String, Object> body = new HashMap<>();
                body.put("name", "Ann " + i);
                body.put("emails", List.of("ann-" + shortId() + "@example.com"));
                submit(owner, "/api/v1/contacts", body).assertStatus(201);
            }
            api.post("/api/v1/contacts")
                    .in(other, otherOwner)
                    .json(Map.of("name", "Bob"))
                    .send()
                    .assertStatus(201);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> rows("crm", shop).get("contacts").size() == 3
                            && rows("crm", other).get("contacts").size() == 1);

            rebuildKeepsRows("crm");
        }

        @Test
        @DisplayName("the orders' rows afterwards equal the rows before")
        void orders() {
            String customer = customer();
            JsonNode order = placeOrder(customer, 2);
            transition(owner, "/api/v1/orders/" + order.get("id").asText() + "/cancel");
            placeOrder(customer, 1);
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> rows("orders", shop).get("orders").size() == 2);

            rebuildKeepsRows("orders");
        }

        @Test
        @DisplayName("events appended while it runs end up in the rows, and a second one at once is refused")
        void appendedDuringTheRebuild() throws Exception {
            // A long history, appended to the store directly, so the rebuild takes a while.
            String filler = product(shop, owner, 100);
            int history = 5_000;
            events.publish(ProductHistory.priceChanges(shop, filler, history));
            String moving = product(shop, owner, 500);
            String others = product(other, otherOwner, 700);
            await().atMost(Duration.ofMinutes(2)).until(() -> version(shop, filler) == history);

            Api.Response started = start("catalog", shop.id());
            started.assertStatus(202);
            String id = started.json().get("id").asText();
            start("catalog", shop.id()).assertProblem(409, "rebuild_running");
            start("catalog", null).assertProblem(409, "rebuild_running");

            AtomicLong price = new AtomicLong(500);
            AtomicInteger duringTheRebuild = new AtomicInteger();
            AtomicBoolean otherServed = new AtomicBoolean(true);
            while (status(id).get("status").asText().equals("running")) {
                reprice(moving, price.incrementAndGet());
                if (status(id).get("status").asText().equals("running")) {
                    duringTheRebuild.incrementAndGet();
                }
                otherServed.compareAndSet(
                        true,
                        api.get("/api/v1/products/" + others)
                                        .in(other, otherOwner)
                                        .send()
                                        .status()
                                == 200);
            }
            JsonNode done = awaitCompleted(id);
            assertThat(duringTheRebuild.get())
                    .as("changes made while the rebuild ran")
                    .isPositive();
            assertThat(otherServed.get())
                    .as("the other shop was served throughout")
                    .isTrue();
            assertThat(done.get("eventsReplayed").asLong()).isGreaterThan(history);

            long last = price.get();
            long changes = last - 500;
            await().atMost(Duration.ofSeconds(20)).until(() -> version(shop, moving) == changes);
            JsonNode read = api.get("/api/v1/products/" + moving)
                    .in(shop, owner)
                    .send()
                    .assertStatus(200)
                    .json();
            assertThat(read.get("price").get("amountMinor").asLong()).isEqualTo(last);
            assertThat(version(shop, filler)).isEqualTo(history);

            // And what it left equals what a clean replay of the same history gives.
            rebuildKeepsRows("catalog");
        }

        @Test
        @DisplayName("an unknown projection or tenant is 404; a projection kept from platform events is full-only")
        void refusals() {
            start("no-such-projection", shop.id()).assertProblem(404, "not_found");
            start("catalog", UUID.randomUUID().toString()).assertProblem(404, "tenant_not_found");
            start("users", shop.id()).assertProblem(409, "invalid_state");
            start("email", shop.id()).assertProblem(404, "not_found");
            api.get("/api/v1/platform/projections/rebuilds/" + UUID.randomUUID())
                    .bearer(admin)
                    .send()
                    .assertProblem(404, "not_found");
        }

        @Test
        @DisplayName("the shop's owner, staff, auditor and another shop's owner cannot start one")
        void onlyPlatformOperators() {
            String staff = platform.staffToken(shop, owner, "staff");
            String auditor = platform.staffToken(shop, owner, "auditor");
            for (String token : List.of(owner, staff, auditor, otherOwner)) {
                Api.Response refused = api.post("/api/v1/platform/projections/catalog/rebuild")
                        .bearer(token)
                        .json(Map.of("tenantId", shop.id()))
                        .send();
                assertThat(refused.status()).as(refused.toString()).isIn(401, 403);
            }
            api.post("/api/v1/platform/projections/catalog/rebuild")
                    .json(Map.of("tenantId", shop.id()))
                    .send()
                    .assertStatus(401);
        }
    }

    @Nested
    @DisplayName("in full")
    class Full {

        @Test
        @DisplayName("resets the processor and replays: every tenant's rows equal the rows before")
        void catalogue() {
            String mine = product(shop, owner, 100);
            reprice(mine, 120);
            product(other, otherOwner, 300);
            await().atMost(Duration.ofSeconds(20)).until(() -> version(shop, mine) == 1);
            Map<String, List<String>> before = rows("catalog", shop);
            Map<String, List<String>> othersBefore = rows("catalog", other);

            Api.Response started = start("catalog", null);
            started.assertStatus(202);
            assertThat(started.json().get("tenantId").isNull()).isTrue();
            JsonNode done = awaitCompleted(started.json().get("id").asText());

            assertThat(done.get("position").asLong())
                    .isGreaterThanOrEqualTo(done.get("headPosition").asLong());
            assertThat(rows("catalog", shop)).isEqualTo(before);
            assertThat(rows("catalog", other)).isEqualTo(othersBefore);
        }
    }
}
