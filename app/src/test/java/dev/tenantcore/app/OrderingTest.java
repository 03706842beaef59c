package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ShopTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class OrderingTest extends ShopTest {

    private static final Logger log = LoggerFactory.getLogger(OrderingTest.class);
    private static final Map<String, Object> ADDRESS = Map.of(
            "name", "Alice", "line1", "1 Main St", "city", "Springfield", "postalCode", "12345", "country", "US");

    /** Places {@code order} as {@code customer} under an Idempotency-Key. */
    private Api.Response placeWithKey(Platform.Customer customer, String key, Map<String, Object> order) {
        return api.post("/api/v1/orders")
                .in(shop, customer.token())
                .header("Idempotency-Key", key)
                .json(order)
                .send();
    }

    /** Sends {@code count} copies of {@code call} from {@code threads} threads at once, answers in sending order. */
    private static List<Api.Response> allAtOnce(int threads, int count, Callable<Api.Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> f : pool.invokeAll(Collections.nCopies(count, call))) {
                responses.add(f.get());
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }

    private String product(String slug, long priceMinor, int stock) {
        return platform.newProduct(shop, owner, slug, priceMinor, stock)
                .get("id")
                .asText();
    }

    private static Map<String, Object> order(String productId, int quantity) {
        return Map.of("lines", List.of(Map.of("productId", productId, "quantity", quantity)), "billing", ADDRESS);
    }

    private static Map<String, Object> staffOrder(String customerId, String productId, int quantity) {
        Map<String, Object> body = new HashMap<>(order(productId, quantity));
        body.put("customerId", customerId);
        return body;
    }

    private Api.Response place(String token, Object body) {
        return submit(token, "/api/v1/orders", body);
    }

    private Api.Response act(String token, String orderId, String action) {
        return transition(token, "/api/v1/orders/" + orderId + "/" + action);
    }

    @Test
    @DisplayName(
            "an order takes names and prices from the catalogue, adds the tenant's tax and is numbered in sequence")
    void placesFromTheCatalogue() {
        Api.Response settings = api.put("/api/v1/tenant/settings")
                .in(shop, owner)
                .json(Platform.settings("Shop", 2100))
                .send();
        settings.assertStatus(200);
        // No wait for the tenant projection: the order takes the rate the command side recorded.
        String mug = product("mug", 1250, 10);
        Platform.Customer alice = platform.newCustomer(shop);

        Api.Response first = place(alice.token(), order(mug, 2));
        first.assertStatus(201);
        assertThat(first.header("Location"))
                .isEqualTo("/api/v1/orders/" + first.json().get("id").asText());
        JsonNode body = first.json();
        assertThat(body.get("status").asText()).isEqualTo("pending");
        assertThat(body.get("customerId").asText()).isEqualTo(alice.id());
        assertThat(body.get("lines").get(0).get("name").asText()).isEqualTo("Product mug");
        assertThat(body.get("lines").get(0).get("unitPrice").get("amountMinor").asLong())
                .isEqualTo(1250);
        JsonNode totals = body.get("totals");
        assertThat(totals.get("currency").asText()).isEqualTo("EUR");
        assertThat(totals.get("subtotalMinor").asLong()).isEqualTo(2500);
        assertThat(totals.get("taxMinor").asLong()).isEqualTo(525);
        assertThat(totals.get("shippingMinor").asLong()).isZero();
        assertThat(totals.get("totalMinor").asLong()).isEqualTo(3025);

        Api.Response byStaff = place(owner, new HashMap<>(staffOrder(alice.id(), mug, 1)) {
            {
                put("shippingMinor", 500);
            }
        });
        byStaff.assertStatus(201);
        assertThat(byStaff.json().get("totals").get("totalMinor").asLong()).isEqualTo(1250 + 263 + 500);
        assertThat(List.of(
                        first.json().get("number").asLong(),
                        byStaff.json().get("number").asLong()))
                .containsExactly(1L, 2L);

        Map<String, Object> withPrice = new HashMap<>(order(mug, 1));
        withPrice.put("lines", List.of(Map.of("productId", mug, "quantity", 1, "unitPrice", 1)));
        Api.Response priced = place(alice.token(), withPrice);
        priced.assertStatus(400);
        Api.Response customerSetsShipping = place(alice.token(), new HashMap<>(order(mug, 1)) {
            {
                put("shippingMinor", 0);
            }
        });
        customerSetsShipping.assertProblem(400, "validation_failed");
    }

    @Test
    @DisplayName(
            "of 1,000 concurrent orders for a product with stock 100 exactly 100 are accepted, the rest refused as out of stock")
    void concurrentOrdersNeverOversell() throws Exception {
        String scarce = product("scarce", 100, 100);
        Platform.Customer buyer = platform.newCustomer(shop);
        long started = System.nanoTime();
        List<Api.Response> responses = allAtOnce(
                16,
                1000,
                () -> api.post("/api/v1/orders")
                        .in(shop, buyer.token())
                        .json(order(scarce, 1))
                        .send());
        log.info("1000 concurrent orders took {} ms", (System.nanoTime() - started) / 1_000_000);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(100);
        assertThat(responses).filteredOn(r -> r.status() != 201).hasSize(900).allSatisfy(r -> {
            r.assertProblem(409, "out_of_stock");
        });
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode page =
                    api.get("/api/v1/orders?limit=100").in(shop, owner).send().json();
            assertThat(page.get("items")).hasSize(100);
            assertThat(page.get("nextCursor").isNull()).isTrue();
            Set<Long> numbers = new HashSet<>();
            page.get("items").forEach(o -> numbers.add(o.get("number").asLong()));
            assertThat(numbers).hasSize(100).allMatch(n -> n >= 1 && n <= 100);
        });
    }

    @Test
    @DisplayName("an Idempotency-Key replays the first response, refuses another body, and never places a second order")
    void idempotencyKeys() throws Exception {
        String mug = product("mug", 1000, 50);
        Platform.Customer alice = platform.newCustomer(shop);
        String key = UUID.randomUUID().toString();
        Api.Response first = placeWithKey(alice, key, order(mug, 1));
        first.assertStatus(201);
        Api.Response replay = placeWithKey(alice, key, order(mug, 1));
        replay.assertStatus(201);
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.header("Location")).isEqualTo(first.header("Location"));
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        Api.Response reused = placeWithKey(alice, key, order(mug, 2));
        reused.assertProblem(422, "idempotency_key_reused");
        // Keys are the caller's own: another customer's identical key is a different request.
        Platform.Customer bob = platform.newCustomer(shop);
        Api.Response othersKey = placeWithKey(bob, key, order(mug, 1));
        othersKey.assertStatus(201);
        assertThat(othersKey.json().get("id")).isNotEqualTo(first.json().get("id"));

        String concurrentKey = UUID.randomUUID().toString();
        List<Api.Response> duplicates = allAtOnce(8, 8, () -> placeWithKey(alice, concurrentKey, order(mug, 3)));
        Set<String> ids = new HashSet<>();
        for (Api.Response r : duplicates) {
            if (r.status() == 201) {
                ids.add(r.json().get("id").asText());
            } else {
                r.assertProblem(409, "idempotency_in_progress");
            }
        }
        assertThat(ids).hasSize(1);
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(api.get("/api/v1/orders")
                                .in(shop, alice.token())
                                .send()
                                .json()
                                .get("items"))
                        .as("alice's orders: the first and one of the concurrent duplicates")
                        .hasSize(2));
    }

    @Test
    @DisplayName("a customer sees only their own orders; another customer, another tenant and an attacker get nothing")
    void customerIsolation() {
        String mug = product("mug", 1000, 50);
        Platform.Customer alice = platform.newCustomer(shop);
        Platform.Customer bob = platform.newCustomer(shop);
        String id = place(alice.token(), order(mug, 1)).json().get("id").asText();
        place(bob.token(), order(mug, 1));
        String missing = UUID.randomUUID().toString();
        Platform.Shop other = platform.newShop();
        String foreignOwner = platform.ownerToken(other);
        long eventsBefore = events();

        Api.Response missingRead =
                api.get("/api/v1/orders/" + missing).in(shop, bob.token()).send();
        Api.Response bobRead =
                api.get("/api/v1/orders/" + id).in(shop, bob.token()).send();
        Api.Response bobCancel = api.post("/api/v1/orders/" + id + "/cancel")
                .in(shop, bob.token())
                .send();
        Api.Response foreignRead =
                api.get("/api/v1/orders/" + id).in(other, foreignOwner).send();
        Api.Response foreignCancel = api.post("/api/v1/orders/" + id + "/cancel")
                .in(other, foreignOwner)
                .send();
        Api.Response foreignShip = api.post("/api/v1/orders/" + id + "/mark-paid")
                .in(other, foreignOwner)
                .send();
        missingRead.assertStatus(404);
        for (Api.Response r : List.of(bobRead, bobCancel, foreignRead, foreignCancel, foreignShip)) {
            r.assertStatus(404);
            assertThat(r.code()).isEqualTo(missingRead.code());
            assertThat(r.json().get("detail")).isEqualTo(missingRead.json().get("detail"));
        }
        api.get("/api/v1/orders/" + id).origin(shop.domain()).send().assertStatus(401);
        api.post("/api/v1/orders")
                .origin(shop.domain())
                .json(order(mug, 1))
                .send()
                .assertStatus(401);
        assertThat(api.get("/api/v1/orders/" + id).in(shop, foreignOwner).send().status())
                .isIn(401, 403);
        assertThat(events()).as("refused calls write nothing").isEqualTo(eventsBefore);

        JsonNode bobs = api.get("/api/v1/orders?customerId=" + alice.id())
                .in(shop, bob.token())
                .send()
                .json();
        assertThat(bobs.get("items")).hasSize(1);
        assertThat(bobs.get("items").get(0).get("customerId").asText()).isEqualTo(bob.id());
        api.get("/api/v1/orders/" + id).in(shop, alice.token()).send().assertStatus(200);
        assertThat(api.get("/api/v1/orders")
                        .in(other, foreignOwner)
                        .send()
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    @DisplayName("staff filter orders by status, customer and total, and page through them with a cursor")
    void staffListFiltersAndPages() {
        String mug = product("mug", 1000, 50);
        Platform.Customer alice = platform.newCustomer(shop);
        Platform.Customer bob = platform.newCustomer(shop);
        List<String> ids = new ArrayList<>();
        for (int quantity : List.of(1, 2, 3)) {
            ids.add(place(owner, staffOrder(alice.id(), mug, quantity))
                    .json()
                    .get("id")
                    .asText());
        }
        place(owner, staffOrder(bob.id(), mug, 4));
        assertThat(act(owner, ids.get(0), "mark-paid").status()).isEqualTo(200);

        JsonNode paid = list("status=paid");
        assertThat(paid.get("items")).hasSize(1);
        assertThat(paid.get("items").get(0).get("id").asText()).isEqualTo(ids.get(0));
        assertThat(list("customerId=" + bob.id()).get("items")).hasSize(1);
        assertThat(list("minTotal=2000&maxTotal=3000").get("items")).hasSize(2);
        assertThat(list("placedFrom=2000-01-01T00:00:00Z&placedBefore=2000-01-02T00:00:00Z")
                        .get("items"))
                .isEmpty();
        api.get("/api/v1/orders?status=lost").in(shop, owner).send().assertStatus(400);

        JsonNode first = list("limit=3");
        assertThat(first.get("items")).hasSize(3);
        JsonNode second = list("limit=3&cursor=" + first.get("nextCursor").asText());
        assertThat(second.get("items")).hasSize(1);
        assertThat(second.get("nextCursor").isNull()).isTrue();
        // Newest first: the first order placed comes last.
        assertThat(second.get("items").get(0).get("id").asText()).isEqualTo(ids.get(0));
    }

    private JsonNode list(String query) {
        Api.Response page = api.get("/api/v1/orders?" + query).in(shop, owner).send();
        page.assertStatus(200);
        return page.json();
    }

    @Test
    @DisplayName("an order moves pending → paid → shipped → delivered with its history; cancelling releases its stock")
    void statusMachineAndHistory() {
        String mug = product("mug", 1000, 5);
        Platform.Customer alice = platform.newCustomer(shop);
        String all = place(alice.token(), order(mug, 5)).json().get("id").asText();
        Api.Response soldOut = place(alice.token(), order(mug, 1));
        soldOut.assertProblem(409, "out_of_stock");

        Api.Response cancelled = act(alice.token(), all, "cancel");
        cancelled.assertStatus(200);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(cancelled.json().get("refundRequired").asBoolean()).isFalse();

        String id = place(alice.token(), order(mug, 5)).json().get("id").asText();
        assertThat(act(alice.token(), id, "mark-paid").status()).isEqualTo(403);
        Api.Response early = act(owner, id, "ship");
        early.assertProblem(409, "invalid_state");
        assertThat(act(owner, id, "mark-paid").status()).isEqualTo(200);
        assertThat(act(alice.token(), id, "cancel").code()).isEqualTo("invalid_state");
        assertThat(act(owner, id, "ship").status()).isEqualTo(200);
        Api.Response delivered = act(owner, id, "deliver");
        delivered.assertStatus(200);
        delivered.assertETag(3);
        assertThat(act(owner, id, "cancel").code()).isEqualTo("invalid_state");

        JsonNode order =
                api.get("/api/v1/orders/" + id).in(shop, alice.token()).send().json();
        List<String> steps = new ArrayList<>();
        order.get("history")
                .forEach(h ->
                        steps.add(h.get("from").asText(null) + "→" + h.get("to").asText()));
        assertThat(steps).containsExactly("null→pending", "pending→paid", "paid→shipped", "shipped→delivered");
        assertThat(order.get("history").get(1).get("by").asText()).isNotBlank();
        assertThat(order.get("history").get(1).get("at").asText()).isNotBlank();

        // Shipping took the goods off hand: none left to order.
        assertThat(place(alice.token(), order(mug, 1)).code()).isEqualTo("out_of_stock");
    }

    @Test
    @DisplayName(
            "staff ordering for an id that is no customer of the shop (unknown, another shop's customer, staff) get"
                    + " 422 unknown_customer, and nothing is written")
    void staffOrderOnlyForTheShopsCustomers() {
        String mug = product("mug", 1000, 5);
        Platform.Customer otherShopsCustomer = platform.newCustomer(platform.newShop());
        String ownerId = api.get("/api/v1/account")
                .in(shop, owner)
                .send()
                .json()
                .get("id")
                .asText();
        long orderEvents = orderEvents();

        for (String notACustomer : List.of(UUID.randomUUID().toString(), otherShopsCustomer.id(), ownerId)) {
            Api.Response refused = place(owner, staffOrder(notACustomer, mug, 5));
            refused.assertProblem(422, "unknown_customer");
        }

        assertThat(orderEvents()).as("no order was recorded").isEqualTo(orderEvents);
        Platform.Customer alice = platform.newCustomer(shop);
        Api.Response forAlice = place(owner, staffOrder(alice.id(), mug, 5));
        forAlice.assertStatus(201);
        assertThat(forAlice.json().get("customerId").asText()).isEqualTo(alice.id());
    }

    private long orderEvents() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE type = 'Order'", Long.class);
        return count == null ? 0 : count;
    }

    private long events() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
        return count == null ? 0 : count;
    }
}
