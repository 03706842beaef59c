package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.api.invoicing.InvoiceId;
import dev.tenantcore.api.invoicing.InvoiceIssuedEvent;
import dev.tenantcore.api.ordering.OrderExpiredEvent;
import dev.tenantcore.api.ordering.OrderId;
import dev.tenantcore.api.ordering.OrderPaidEvent;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Orders;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ProductHistory;
import dev.tenantcore.app.support.Restarts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two application nodes on one database, as a user who outgrew one machine runs them: the
 * processors' segments are shared between the nodes, and orders placed, paid and expired through
 * both are each settled once, whichever node handles which part.
 */
class TwoNodesTest {

    private static final int ORDERS = 200;
    private static final int EXPIRING = 20;
    private static final int SEGMENTS = 4;

    private static final String FOR_ORDER = "position(convert_to(?, 'UTF8') in task_data) > 0";

    /** Each deadline message that was handled, by identifier, over both nodes. */
    private final Map<String, AtomicInteger> deadlinesHandled = new ConcurrentHashMap<>();

    @Test
    @DisplayName(
            "two nodes share the segments, and 200 orders placed, paid or expired through both are each settled once")
    void ordersThroughTwoNodes() throws Exception {
        Path dataDir = Restarts.dataDirectory("two-nodes-");
        try (ConfigurableApplicationContext first = Restarts.start(dataDir, node("node-a"));
                ConfigurableApplicationContext second = Restarts.join(first.getEnvironment(), node("node-b"))) {
            countDeadlines(first);
            countDeadlines(second);
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            List<Api> nodes = List.of(Restarts.api(first), Restarts.api(second));

            Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(claims(jdbc))
                            .as("every streaming processor's segments, by owner")
                            .allSatisfy((processor, owners) -> assertThat(owners)
                                    .as(processor)
                                    .containsOnly(Map.entry("node-a", 2L), Map.entry("node-b", 2L))));

            Platform platform = new Platform(nodes.get(0));
            Platform.Shop shop = platform.newShop();
            String owner = platform.ownerToken(shop);
            String product = platform.newProduct(shop, owner, "shared-" + shortId(), 700, ORDERS * 2)
                    .get("id")
                    .asText();
            String customer = platform.customerToken(shop);

            List<String> orders = placeAndPay(nodes, shop, owner, customer, product, jdbc);
            List<String> paid = orders.subList(EXPIRING, ORDERS);
            List<String> expired = orders.subList(0, EXPIRING);

            Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                assertThat(eventsPerAggregate(jdbc, OrderPaidEvent.class, orders))
                        .as("paid orders")
                        .hasSize(paid.size());
                assertThat(eventsPerAggregate(jdbc, OrderExpiredEvent.class, orders))
                        .as("expired orders")
                        .hasSize(EXPIRING);
                assertThat(eventsPerAggregate(jdbc, InvoiceIssuedEvent.class, invoicesOf(orders)))
                        .as("issued invoices")
                        .hasSize(paid.size());
            });
            assertThat(eventsPerAggregate(jdbc, OrderPaidEvent.class, orders))
                    .as("each paid order paid once, and no expired one paid")
                    .containsOnlyKeys(paid)
                    .allSatisfy((order, count) -> assertThat(count).isOne());
            assertThat(eventsPerAggregate(jdbc, OrderExpiredEvent.class, orders))
                    .as("each expiring order expired once, and no paid one expired")
                    .containsOnlyKeys(expired)
                    .allSatisfy((order, count) -> assertThat(count).isOne());
            assertThat(eventsPerAggregate(jdbc, InvoiceIssuedEvent.class, invoicesOf(orders)))
                    .as("one invoice for each paid order")
                    .containsOnlyKeys(invoicesOf(paid))
                    .allSatisfy((invoice, count) -> assertThat(count).isOne());
            assertThat(deadlinesHandled)
                    .as("the payment windows that closed, each handled by one node once")
                    .hasSize(EXPIRING)
                    .allSatisfy((deadline, count) -> assertThat(count.get()).isOne());
            for (String order : orders) {
                assertThat(jdbc.queryForObject(
                                "SELECT count(*) FROM scheduled_tasks WHERE " + FOR_ORDER, Integer.class, order))
                        .as("no deadline left for a settled order")
                        .isZero();
            }

            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String list : List.of("orders", "invoices")) {
                    List<JsonNode> onFirst = all(nodes.get(0), shop, owner, "/api/v1/" + list + "?limit=100");
                    assertThat(onFirst).as(list).hasSize(list.equals("invoices") ? paid.size() : ORDERS);
                    assertThat(all(nodes.get(1), shop, owner, "/api/v1/" + list + "?limit=100"))
                            .as(list + " read through the second node")
                            .isEqualTo(onFirst);
                }
            });
            for (String order : orders) {
                String payments = "/api/v1/payments?orderId=" + order;
                // The saga settles each payment after its order: under load its projection trails theirs.
                List<JsonNode> onFirst;
                try {
                    onFirst = Awaitility.await()
                            .atMost(Duration.ofSeconds(30))
                            .until(
                                    () -> all(nodes.get(0), shop, owner, payments),
                                    found -> found.size() == 1
                                            && found.get(0)
                                                    .get("status")
                                                    .asText()
                                                    .equals(paid.contains(order) ? "paid" : "failed"));
                } catch (ConditionTimeoutException e) {
                    // Which node held what when it timed out: a segment nobody claims stops its processor.
                    throw new AssertionError(
                            "the payment of order " + order + " reads " + all(nodes.get(0), shop, owner, payments)
                                    + "; segments by processor and owner: " + claims(jdbc)
                                    + "; the payment processors' tokens: " + paymentTokens(jdbc),
                            e);
                }
                assertThat(all(nodes.get(1), shop, owner, payments))
                        .as("payments read through the second node")
                        .isEqualTo(onFirst);
            }

            // A session ended through one node is refused by the other at once; a module switched off
            // through one is refused by the other.
            String session = platform.ownerToken(shop);
            nodes.get(1).get("/api/v1/orders").in(shop, session).send().assertStatus(200);
            nodes.get(0).post("/api/v1/auth/logout").in(shop, session).send().assertStatus(204);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> nodes.get(1)
                                    .get("/api/v1/orders")
                                    .in(shop, session)
                                    .send()
                                    .status()
                            == 401);
            String admin = platform.adminToken();
            nodes.get(0)
                    .delete("/api/v1/platform/tenants/" + shop.id() + "/modules/billing")
                    .bearer(admin)
                    .send()
                    .assertStatus(200);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> nodes.get(1)
                            .get("/api/v1/invoices")
                            .in(shop, owner)
                            .send()
                            .assertProblem(403, "module_disabled"));
        }
    }

    private List<String> placeAndPay(
            List<Api> nodes, Platform.Shop shop, String owner, String customer, String product, JdbcTemplate jdbc)
            throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> placed = new ArrayList<>();
            for (int i = 0; i < ORDERS; i++) {
                boolean expires = i < EXPIRING;
                Api placing = nodes.get(i % 2);
                Api paying = nodes.get((i + 1) % 2);
                placed.add(clients.submit(() -> {
                    Api.Response order = Orders.place(
                            placing, shop, customer, Orders.body(product, 1, Orders.billingAddress("ES"), null));
                    order.assertStatus(201);
                    String orderId = order.json().get("id").asText();
                    String payment = Orders.awaitSagaPayment(paying, shop, owner, orderId)
                            .get("id")
                            .asText();
                    if (expires) {
                        // The payment window closes now instead of in half an hour.
                        assertThat(jdbc.update(
                                        "UPDATE scheduled_tasks SET execution_time = now() WHERE " + FOR_ORDER,
                                        orderId))
                                .isOne();
                    } else {
                        paying.post("/api/v1/payments/" + payment + "/mark-paid")
                                .in(shop, owner)
                                .send()
                                .assertStatus(200);
                    }
                    return orderId;
                }));
            }
            List<String> orders = new ArrayList<>();
            for (Future<String> order : placed) {
                orders.add(order.get());
            }
            return orders;
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * The catalogue is written in the commands' own transactions, on whichever node runs them; a
     * rebuild of one tenant's rows on one node must still see every change made through the other.
     */
    @Test
    @DisplayName("a catalogue rebuild on one node leaves out no change made through the other node meanwhile")
    void catalogueRebuildBesideTheOtherNode() throws Exception {
        Path dataDir = Restarts.dataDirectory("two-nodes-rebuild-");
        try (ConfigurableApplicationContext first = Restarts.start(dataDir, node("node-a"));
                ConfigurableApplicationContext second = Restarts.join(first.getEnvironment(), node("node-b"))) {
            Api onFirst = Restarts.api(first);
            Api onSecond = Restarts.api(second);
            Platform platform = new Platform(onFirst);
            Platform.Shop shop = platform.newShop();
            String owner = platform.ownerToken(shop);
            String admin = platform.adminToken();
            String filler = platform.newProduct(shop, owner, "filler-" + shortId(), 100)
                    .get("id")
                    .asText();
            // A long history, appended to the store directly, so that the rebuild takes a while.
            int history = 5_000;
            first.getBean(EventStore.class).publish(ProductHistory.priceChanges(shop, filler, history));
            String moving = platform.newProduct(shop, owner, "moving-" + shortId(), 500)
                    .get("id")
                    .asText();
            assertThat(product(onSecond, shop, owner, filler).get("version").asLong())
                    .isEqualTo(history);

            String rebuild = onFirst.post("/api/v1/platform/projections/catalog/rebuild")
                    .bearer(admin)
                    .json(Map.of("tenantId", shop.id()))
                    .send()
                    .assertStatus(202)
                    .json()
                    .get("id")
                    .asText();
            long price = 500;
            int duringTheRebuild = 0;
            while (rebuildStatus(onFirst, admin, rebuild).equals("running")) {
                price++;
                onSecond.patch("/api/v1/products/" + moving)
                        .in(shop, owner)
                        .json(Map.of("price", Map.of("amountMinor", price, "currency", "EUR")))
                        .send()
                        .assertStatus(200);
                if (rebuildStatus(onFirst, admin, rebuild).equals("running")) {
                    duringTheRebuild++;
                }
            }
            assertThat(rebuildStatus(onFirst, admin, rebuild)).isEqualTo("completed");
            assertThat(duringTheRebuild)
                    .as("changes made on the other node while it ran")
                    .isPositive();

            JsonNode read = product(onFirst, shop, owner, moving);
            assertThat(read.get("price").get("amountMinor").asLong()).isEqualTo(price);
            assertThat(read.get("version").asLong()).isEqualTo(price - 500);
            assertThat(product(onSecond, shop, owner, filler).get("version").asLong())
                    .isEqualTo(history);
        }
    }

    private static JsonNode product(Api node, Platform.Shop shop, String owner, String id) {
        return node.get("/api/v1/products/" + id)
                .in(shop, owner)
                .send()
                .assertStatus(200)
                .json();
    }

    private static String rebuildStatus(Api node, String admin, String id) {
        return node.get("/api/v1/platform/projections/rebuilds/" + id)
                .bearer(admin)
                .send()
                .assertStatus(200)
                .json()
                .get("status")
                .asText();
    }

    private static String[] node(String id) {
        return new String[] {
            "--app.processing.node-id=" + id,
            "--app.processing.segments=" + SEGMENTS,
            "--app.processing.balance-interval=PT1S",
            "--app.processing.node-timeout=PT5S",
            "--db-scheduler.polling-interval=1s"
        };
    }

    private void countDeadlines(ConfigurableApplicationContext node) {
        node.getBean(DeadlineManager.class).registerHandlerInterceptor((unitOfWork, chain) -> {
            deadlinesHandled
                    .computeIfAbsent(unitOfWork.getMessage().getIdentifier(), id -> new AtomicInteger())
                    .incrementAndGet();
            return chain.proceed();
        });
    }

    /** Segments claimed per owner, for each processor that has more than one segment. */
    private static Map<String, Map<String, Long>> claims(JdbcTemplate jdbc) {
        Map<String, Map<String, Long>> claims = new ConcurrentHashMap<>();
        jdbc.query("""
                SELECT processor_name, coalesce(owner, '(none)') AS owner, count(*) AS segments
                  FROM token_entry
                 WHERE processor_name IN (SELECT processor_name FROM token_entry GROUP BY 1 HAVING count(*) > 1)
                 GROUP BY 1, 2
                """, rs -> {
            claims.computeIfAbsent(rs.getString("processor_name"), p -> new ConcurrentHashMap<>())
                    .put(rs.getString("owner"), rs.getLong("segments"));
        });
        assertThat(claims).as("processors with several segments").hasSizeGreaterThanOrEqualTo(7);
        return claims;
    }

    /** The saga's and the payments projection's token rows: segment, owner, last claim, position. */
    private static List<String> paymentTokens(JdbcTemplate jdbc) {
        return jdbc.query(
                """
                SELECT processor_name, segment, owner, timestamp, convert_from(token, 'UTF8') AS token
                  FROM token_entry
                 WHERE processor_name IN ('OrderPaymentSagaProcessor', 'payments')
                 ORDER BY 1, 2
                """,
                (rs, row) -> rs.getString("processor_name") + "/" + rs.getInt("segment") + " owner="
                        + rs.getString("owner") + " at " + rs.getString("timestamp") + " "
                        + rs.getString("token"));
    }

    private static Map<String, Long> eventsPerAggregate(JdbcTemplate jdbc, Class<?> type, List<String> aggregates) {
        return jdbc
                .queryForList(
                        "SELECT aggregate_identifier FROM domain_event_entry WHERE payload_type = ?"
                                + " AND aggregate_identifier = ANY (?)",
                        String.class,
                        type.getName(),
                        aggregates.toArray(String[]::new))
                .stream()
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
    }

    private static List<String> invoicesOf(List<String> orders) {
        return orders.stream()
                .map(order -> InvoiceId.forOrder(OrderId.of(order)).value().toString())
                .toList();
    }

    /** Every item of a list (a path with its query), page by page. */
    private static List<JsonNode> all(Api api, Platform.Shop shop, String token, String list) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Api.Response page = api.get(list + (cursor == null ? "" : "&cursor=" + cursor))
                    .in(shop, token)
                    .send();
            page.assertStatus(200);
            page.json().get("items").forEach(items::add);
            JsonNode next = page.json().get("nextCursor");
            cursor = next == null || next.isNull() ? null : next.asText();
        } while (cursor != null);
        return items;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
