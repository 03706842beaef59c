package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.api.catalog.ProductUpdatedEvent;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.Restarts;
import dev.tenantcore.infra.axon.CaffeineAggregateCache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The aggregate cache with two nodes on one database: each node keeps the products it changed in
 * memory, the other node appends behind its back, and no acknowledged update is ever lost, reordered
 * or decided on stale state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AggregateCacheTest {

    private ConfigurableApplicationContext first;
    private ConfigurableApplicationContext second;
    private Api a;
    private Api b;
    private JdbcTemplate jdbc;
    private Platform.Shop shop;
    private String owner;
    private Platform platform;

    @BeforeAll
    void start() throws Exception {
        Path dataDir = Restarts.dataDirectory("aggregate-cache-");
        first = Restarts.start(dataDir, "--app.processing.node-id=cache-a", "--app.aggregate-cache.enabled=true");
        second = Restarts.join(
                first.getEnvironment(), "--app.processing.node-id=cache-b", "--app.aggregate-cache.enabled=true");
        a = Restarts.api(first);
        b = Restarts.api(second);
        jdbc = first.getBean(JdbcTemplate.class);
        platform = new Platform(a);
        shop = platform.newShop();
        owner = platform.ownerToken(shop);
    }

    @AfterAll
    void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    @DisplayName("the second command on a node is served from its cache; another node's append is picked up after"
            + " the conflict, and the command is decided on the fresh state")
    void anotherNodesAppendIsPickedUp() {
        String id = newProduct("picked-up");
        CaffeineAggregateCache cacheOnA = (CaffeineAggregateCache) first.getBean("aggregateCache", Cache.class);

        patch(a, id, Map.of("name", "First on a")).assertStatus(200).assertETag(1);
        assertThat(cacheOnA.containsKey(id)).as("node a holds the product").isTrue();
        long before = cacheOnA.staleDropped();
        patch(a, id, Map.of("name", "Second on a")).assertStatus(200).assertETag(2);
        assertThat(cacheOnA.staleDropped())
                .as("node a's cache was current and served")
                .isEqualTo(before);

        patch(b, id, price(777)).assertStatus(200).assertETag(3);
        patch(a, id, Map.of("name", "Third on a")).assertStatus(200).assertETag(4);
        assertThat(cacheOnA.staleDropped())
                .as("node a found its cached version 2 behind b's append and loaded from the store")
                .isEqualTo(before + 1);

        JsonNode product = awaitProduct(a, id, 4);
        assertThat(product.get("name").asText()).isEqualTo("Third on a");
        assertThat(product.get("price").get("amountMinor").asLong())
                .as("b's price survives a's later change of the name (no update decided on stale state)")
                .isEqualTo(777);
        assertThat(sequenceNumbers(id)).containsExactly(0L, 1L, 2L, 3L, 4L);
        EventStore events = first.getBean(EventStore.class);
        assertThat(events.lastSequenceNumberFor(id))
                .as("the store's last sequence number")
                .contains(4L);
        assertThat(events.lastSequenceNumberFor(UUID.randomUUID().toString()))
                .as("of an aggregate with no event")
                .isEmpty();
    }

    @Test
    @DisplayName("a change that is no change on a node's stale cache is decided on the stored state")
    void noChangeOnStaleCacheIsDecidedFresh() {
        String id = newProduct("no-change");
        patch(a, id, price(100)).assertStatus(200).assertETag(1);
        patch(b, id, price(200)).assertStatus(200).assertETag(2);

        // Node a's cache still says 100, the store says 200: the change is recorded.
        patch(a, id, price(100)).assertStatus(200).assertETag(3);
        assertThat(priceAt(id, 3)).isEqualTo(100);
        assertThat(awaitProduct(b, id, 3).get("price").get("amountMinor").asLong())
                .isEqualTo(100);
    }

    @Test
    @DisplayName("a client's own stale If-Match still gets 412 when the node's cache did not know the newer version")
    void staleIfMatchStillRefused() {
        String id = newProduct("if-match");
        patch(a, id, price(100)).assertStatus(200).assertETag(1);
        patch(b, id, price(200)).assertStatus(200).assertETag(2);

        a.patch("/api/v1/products/" + id)
                .in(shop, owner)
                .ifMatch(1)
                .json(price(300))
                .send()
                .assertProblem(412, "version_conflict");
        assertThat(sequenceNumbers(id)).containsExactly(0L, 1L, 2L);
        patch(a, id, price(400)).assertStatus(200).assertETag(3);
    }

    @Test
    @DisplayName("updates alternating between the nodes, then concurrent on both: every acknowledged update is in"
            + " the history in order, versions are gapless and the last acknowledged change wins")
    void noUpdateLostOrReordered() throws Exception {
        String id = newProduct("shared");
        for (int i = 1; i <= 10; i++) {
            Api node = i % 2 == 0 ? a : b;
            patch(node, id, price(1000 + i)).assertStatus(200).assertETag(i);
        }
        for (int i = 1; i <= 10; i++) {
            assertThat(priceAt(id, i)).as("alternating update " + i).isEqualTo(1000 + i);
        }

        int clients = 4;
        int each = 15;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<List<long[]>>> results = new ArrayList<>();
        try {
            for (int c = 0; c < clients; c++) {
                Api node = c % 2 == 0 ? a : b;
                int client = c;
                results.add(pool.submit(() -> {
                    List<long[]> acknowledged = new ArrayList<>();
                    for (int k = 0; k < each; k++) {
                        long amount = 100_000 + client * 1_000 + k;
                        Api.Response response = patch(node, id, price(amount));
                        assertThat(response.status()).as(response.body()).isEqualTo(200);
                        long version = Long.parseLong(response.header("ETag").replace("\"", ""));
                        acknowledged.add(new long[] {version, amount});
                    }
                    return acknowledged;
                }));
            }
            long last = 10;
            long lastAmount = 1010;
            List<Long> versions = new ArrayList<>();
            for (Future<List<long[]>> result : results) {
                long previous = 10;
                for (long[] ack : result.get()) {
                    assertThat(ack[0])
                            .as("a client's acknowledgements in increasing version order")
                            .isGreaterThan(previous);
                    previous = ack[0];
                    assertThat(priceAt(id, ack[0]))
                            .as("the event at version " + ack[0])
                            .isEqualTo(ack[1]);
                    versions.add(ack[0]);
                    if (ack[0] > last) {
                        last = ack[0];
                        lastAmount = ack[1];
                    }
                }
            }
            assertThat(versions).as("each acknowledged update its own version").doesNotHaveDuplicates();
            assertThat(last).isEqualTo(10 + clients * each);
            List<Long> expected = new ArrayList<>();
            for (long v = 0; v <= last; v++) {
                expected.add(v);
            }
            assertThat(sequenceNumbers(id)).as("gapless history").isEqualTo(expected);
            for (Api node : List.of(a, b)) {
                long shown = awaitProduct(node, id, last)
                        .get("price")
                        .get("amountMinor")
                        .asLong();
                assertThat(shown)
                        .as("the final state is the last acknowledged change")
                        .isEqualTo(lastAmount);
            }
            patch(a, id, price(1)).assertStatus(200).assertETag(last + 1);
            patch(b, id, price(2)).assertStatus(200).assertETag(last + 2);
        } finally {
            pool.shutdownNow();
        }
    }

    private JsonNode awaitProduct(Api node, String id, long version) {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(
                        () -> node.get("/api/v1/products/" + id)
                                .in(shop, owner)
                                .send()
                                .json(),
                        product -> product.path("version").asLong(-1) >= version);
    }

    private String newProduct(String slug) {
        return platform.newProduct(
                        shop, owner, slug + "-" + UUID.randomUUID().toString().substring(0, 8), 500)
                .get("id")
                .asText();
    }

    private Api.Response patch(Api node, String id, Map<String, Object> change) {
        return node.patch("/api/v1/products/" + id).in(shop, owner).json(change).send();
    }

    private static Map<String, Object> price(long amountMinor) {
        return Map.of("price", Map.of("amountMinor", amountMinor, "currency", "EUR"));
    }

    private List<Long> sequenceNumbers(String id) {
        return jdbc.queryForList(
                "SELECT sequence_number FROM domain_event_entry WHERE aggregate_identifier = ? ORDER BY 1",
                Long.class,
                id);
    }

    /** The price the event at {@code version} of the product recorded. */
    private long priceAt(String id, long version) {
        String payload = jdbc.queryForObject(
                "SELECT convert_from(payload, 'UTF8') FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ? AND sequence_number = ? AND payload_type = ?",
                String.class,
                id,
                version,
                ProductUpdatedEvent.class.getName());
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(payload)
                    .get("price")
                    .get("amountMinor")
                    .asLong();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
