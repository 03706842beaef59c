package dev.tenantcore.query.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.app.support.Api;
import dev.tenantcore.app.support.Platform;
import dev.tenantcore.app.support.ProductHistory;
import dev.tenantcore.app.support.ShopTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The advisory locks that keep the catalogue's commands, on any node, off a tenant's rows while a
 * rebuild rewrites them ({@link RebuildLocks}), taken here as the rebuild takes them.
 */
@DisplayName("Rebuild locks of a projection written in its commands' transactions")
class RebuildLocksTest extends ShopTest {

    @Autowired
    RebuildLocks locks;

    @Autowired
    TenantRebuild rebuild;

    @Autowired
    Projections projections;

    @Autowired
    EventStore events;

    private String product(Platform.Shop in, String token, long price) {
        return platform.newProduct(
                        in, token, "lock-" + UUID.randomUUID().toString().substring(0, 8), price)
                .get("id")
                .asText();
    }

    private void reprice(Platform.Shop in, String token, String id, long price) {
        api.patch("/api/v1/products/" + id)
                .in(in, token)
                .json(Map.of("price", Map.of("amountMinor", price, "currency", "EUR")))
                .send()
                .assertStatus(200);
    }

    /** The row as the read model has it: price and version. */
    private List<Long> row(Platform.Shop in, String id) {
        return asTenant(
                in,
                () -> jdbc.queryForObject(
                        "SELECT price_minor, version FROM products WHERE id = ?",
                        (rs, n) -> List.of(rs.getLong(1), rs.getLong(2)),
                        UUID.fromString(id)));
    }

    @Test
    @DisplayName("while a rebuild holds a tenant's rows, its commands succeed and leave the rows to it;"
            + " another tenant's commands write as usual, and so do the tenant's once it has handed them back")
    void commandsLeaveTheRowsToTheRebuild() throws Exception {
        Platform.Shop other = platform.newShop();
        String otherOwner = platform.ownerToken(other);
        String mine = product(shop, owner, 100);
        String theirs = product(other, otherOwner, 100);

        try (RebuildLocks.Lease lease = locks.rebuilding("catalog", TenantId.of(shop.id()))) {
            reprice(shop, owner, mine, 200);
            reprice(other, otherOwner, theirs, 200);

            assertThat(row(shop, mine)).as("left to the rebuild").containsExactly(100L, 0L);
            assertThat(row(other, theirs)).as("another tenant's row").containsExactly(200L, 1L);
            assertThat(asTenant(shop, () -> locks.firstLeftToTheRebuild("catalog", TenantId.of(shop.id()))))
                    .as("the position of the event left to the rebuild, noted")
                    .isEqualTo(position(mine, 1));
            assertThat(asTenant(other, () -> locks.firstLeftToTheRebuild("catalog", TenantId.of(shop.id()))))
                    .as("the tenant's notes, to another tenant")
                    .isNull();
            lease.handBack();
        }

        reprice(shop, owner, mine, 300);
        assertThat(row(shop, mine)).as("written again once handed back").containsExactly(300L, 2L);
    }

    @Test
    @DisplayName("a rebuild begins only once the commands writing the tenant's rows have ended")
    void rebuildWaitsForTheCommandsWriting() throws Exception {
        String id = product(shop, owner, 100);
        CompletableFuture<Api.Response> patch;
        CompletableFuture<RebuildLocks.Lease> rebuild;
        // The row held by another transaction: the command's write of it waits, holding its lock.
        try (Connection holder = ownerConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement tenant = holder.prepareStatement("SELECT set_config('app.tenant_id', ?, true)");
                    PreparedStatement lock =
                            holder.prepareStatement("SELECT 1 FROM products WHERE id = ? FOR UPDATE")) {
                tenant.setString(1, shop.id());
                tenant.execute();
                lock.setObject(1, UUID.fromString(id));
                assertThat(lock.executeQuery().next()).as("the row, held").isTrue();
            }
            patch = CompletableFuture.supplyAsync(() -> api.patch("/api/v1/products/" + id)
                    .in(shop, owner)
                    .json(Map.of("price", Map.of("amountMinor", 200, "currency", "EUR")))
                    .send());
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnTheRow(holder));
            rebuild = CompletableFuture.supplyAsync(() -> {
                try {
                    return locks.rebuilding("catalog", TenantId.of(shop.id()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnTheAdvisoryLock(holder));
            assertThat(rebuild).as("the rebuild waits for the command").isNotDone();
            holder.rollback();
        }
        patch.get().assertStatus(200);
        try (RebuildLocks.Lease lease = rebuild.get()) {
            assertThat(row(shop, id))
                    .as("written by the command before the rebuild began")
                    .containsExactly(200L, 1L);
        }
    }

    @Test
    @DisplayName("a command arriving while a rebuild hands the rows back waits for it, then writes its row")
    void commandWaitsForTheHandBack() throws Exception {
        String id = product(shop, owner, 100);
        CompletableFuture<Api.Response> patch;
        try (Connection watcher = ownerConnection();
                RebuildLocks.Lease lease = locks.rebuilding("catalog", TenantId.of(shop.id()))) {
            lease.handBack();
            patch = CompletableFuture.supplyAsync(() -> api.patch("/api/v1/products/" + id)
                    .in(shop, owner)
                    .json(Map.of("price", Map.of("amountMinor", 200, "currency", "EUR")))
                    .send());
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnTheAdvisoryLock(watcher));
            assertThat(patch)
                    .as("the command waits for the rebuild's last pass")
                    .isNotDone();
        }
        patch.get().assertStatus(200);
        assertThat(row(shop, id))
                .as("written by the command once the rows were handed back")
                .containsExactly(200L, 1L);
    }

    @Test
    @DisplayName("the rebuild's last pass reads the tenant's stream from the first event a command left to it,"
            + " not from the start, and the rebuilt rows hold that command's change")
    void lastPassStartsAtTheFirstEventLeftToIt() throws Exception {
        String filler = product(shop, owner, 100);
        // More than two pages of the rebuild (app.rebuild.batch-size, 1,000) before the change.
        events.publish(ProductHistory.priceChanges(shop, filler, 2_500));
        String moving = product(shop, owner, 500);
        List<Long> pagesEndAt = new ArrayList<>();

        long replayed = rebuild.run(projections.all().get("catalog"), TenantId.of(shop.id()), (count, position) -> {
            if (pagesEndAt.isEmpty()) {
                // As a client would, on a thread of its own, while the first pass runs.
                CompletableFuture.runAsync(() -> reprice(shop, owner, moving, 600))
                        .join();
            }
            pagesEndAt.add(position);
        });

        assertThat(pagesEndAt)
                .as("pages of both passes, in the stream's order")
                .hasSizeGreaterThan(3)
                .isSorted();
        assertThat(pagesEndAt.get(pagesEndAt.size() - 1))
                .as("the last pass's one page: from the change left to it")
                .isEqualTo(position(moving, 1));
        assertThat(replayed)
                .as("each of the tenant's events once")
                .isEqualTo(
                        asTenant(shop, () -> jdbc.queryForObject("SELECT count(*) FROM tenant_event_log", Long.class)));
        assertThat(row(shop, moving)).as("the change left to the rebuild").containsExactly(600L, 1L);
        assertThat(row(shop, filler)).containsExactly(2_600L, 2_500L);
        assertThat(asTenant(shop, () -> locks.firstLeftToTheRebuild("catalog", TenantId.of(shop.id()))))
                .as("notes, once the rows are handed back")
                .isNull();
    }

    /** The global position of the product's event of {@code sequence}. */
    private long position(String product, long sequence) {
        return jdbc.queryForObject(
                "SELECT global_index FROM domain_event_entry WHERE aggregate_identifier = ? AND sequence_number = ?",
                Long.class,
                product,
                sequence);
    }

    private static boolean waitingOnTheRow(Connection holder) throws Exception {
        return waiting(holder, "transactionid");
    }

    private static boolean waitingOnTheAdvisoryLock(Connection holder) throws Exception {
        return waiting(holder, "advisory");
    }

    /** Whether some session of the database waits for a lock of this type. */
    private static boolean waiting(Connection holder, String type) throws Exception {
        try (PreparedStatement waiting =
                holder.prepareStatement("SELECT count(*) FROM pg_locks WHERE NOT granted AND locktype = ?")) {
            waiting.setString(1, type);
            try (var rows = waiting.executeQuery()) {
                rows.next();
                return rows.getInt(1) > 0;
            }
        }
    }
}
