package dev.tenantcore.query.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.catalog.FindProductQuery;
import dev.tenantcore.api.catalog.ProductCreatedEvent;
import dev.tenantcore.api.catalog.ProductDeactivatedEvent;
import dev.tenantcore.api.catalog.ProductDeletedEvent;
import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.catalog.ProductKind;
import dev.tenantcore.api.catalog.ProductResponse;
import dev.tenantcore.api.catalog.ProductUpdatedEvent;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.query.support.History;
import dev.tenantcore.query.support.ProjectionFixture;
import dev.tenantcore.query.support.ReadTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A rebuild applies a page of events with its writes sent in batches: the rows must not differ. */
@DisplayName("The product projection, applying a rebuild's page in batches")
class ProductProjectionBatchTest {

    private final ProjectionFixture db = ProjectionFixture.database();
    private final ProductProjection projection = new ProductProjection(db.store());
    private final ProductId recreated = new ProductId(UUID.randomUUID());
    private final ProductId gone = new ProductId(UUID.randomUUID());
    private final ProductId changed = new ProductId(UUID.randomUUID());

    private History history(TenantId tenant) {
        Money price = Money.of(1_000, "EUR");
        return new History(tenant)
                .of(recreated, created(recreated, tenant, "First"))
                .of(recreated, updated(recreated, "Second", 1_100))
                .of(changed, created(changed, tenant, "Kept"))
                .of(recreated, new ProductDeletedEvent(recreated))
                // Created and deleted in one page: a delete sent ahead of the held insert would leave it.
                .of(gone, created(gone, tenant, "Gone"), new ProductDeletedEvent(gone))
                .of(recreated, created(recreated, tenant, "Again"))
                .of(changed, updated(changed, "Kept 2", 1_200), updated(changed, "Kept 3", 1_300))
                .of(changed, new ProductDeactivatedEvent(changed))
                .of(recreated, updated(recreated, "Again 2", price.amountMinor() + 5));
    }

    @Test
    @DisplayName("create, update, delete and recreate of one row in one page leave the rows the live processor leaves")
    void sameRowsAsOneByOne() {
        TenantId live = ProjectionFixture.newTenant();
        TenantId rebuilt = ProjectionFixture.newTenant();

        db.feed(projection, history(live).events());
        db.feedInOnePage(projection, rebuilt, history(rebuilt).events());

        assertThat(rowsById(rebuilt)).isEqualTo(rowsById(live));
        assertThat(rowsById(rebuilt)).containsOnlyKeys(recreated.value(), changed.value());
        assertThat(rowsById(rebuilt).get(recreated.value()))
                .containsEntry("name", "Again 2")
                .containsEntry("price_minor", 1_005L)
                .containsEntry("version", 4L);
    }

    @Test
    @DisplayName("a handler's read inside the page sees every write made before it")
    void readsSeeHeldWrites() {
        TenantId tenant = ProjectionFixture.newTenant();
        Reading reading = new Reading(projection);
        History events = new History(tenant)
                .of(changed, created(changed, tenant, "Kept"))
                .of(changed, updated(changed, "Kept 2", 1_200), updated(changed, "Kept 3", 1_300));

        db.feedInOnePage(reading, tenant, events.events());

        assertThat(reading.seen).containsExactly("Kept v0", "Kept 2 v1", "Kept 3 v2");
    }

    @Test
    @DisplayName("each write hears whether it changed its row once its batch has run, in order")
    void writesHearTheirOutcome() {
        TenantId tenant = ProjectionFixture.newTenant();
        List<String> heard = new ArrayList<>();
        ReadTable<ProductId> products = db.store().table("products", ProductId::value, (id, c) -> heard.add("" + c));
        db.feed(
                projection,
                new History(tenant)
                        .of(changed, created(changed, tenant, "Kept"))
                        .events());

        db.as(tenant, () -> {
            db.store().batched(() -> {
                products.set(changed, "name", "Newer", 2, Instant.EPOCH);
                products.set(changed, "name", "Stale", 1, Instant.EPOCH);
                products.set(changed, "name", "Newest", 3, Instant.EPOCH);
                assertThat(heard).isEmpty();
            });
            return null;
        });

        assertThat(heard).containsExactly("true", "false", "true");
        assertThat(rowsById(tenant).get(changed.value())).containsEntry("name", "Newest");
    }

    /** A projection that reads its row back after each write, as subscription news does. */
    static final class Reading {

        private final ProductProjection products;
        private final List<String> seen = new ArrayList<>();

        Reading(ProductProjection products) {
            this.products = products;
        }

        @EventHandler
        void on(ProductCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
            products.on(event, sequence, at);
            seen.add(read(event.productId()));
        }

        @EventHandler
        void on(ProductUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
            products.on(event, sequence, at);
            seen.add(read(event.productId()));
        }

        private String read(ProductId id) {
            ProductResponse row = products.handle(new FindProductQuery(id, false));
            return row == null ? "none" : row.name() + " v" + row.version();
        }
    }

    private Map<UUID, Map<String, Object>> rowsById(TenantId tenant) {
        return db.rows(tenant, "products").stream()
                .map(row -> {
                    Map<String, Object> copy = new HashMap<>(row);
                    copy.remove("tenant_id");
                    return copy;
                })
                .collect(Collectors.toMap(row -> (UUID) row.get("id"), Function.identity()));
    }

    private static ProductCreatedEvent created(ProductId id, TenantId tenant, String name) {
        return new ProductCreatedEvent(
                id,
                tenant,
                name,
                name.toLowerCase().replace(' ', '-'),
                null,
                ProductKind.PHYSICAL,
                Money.of(1_000, "EUR"),
                3,
                null,
                true,
                Map.of("k", name));
    }

    private static ProductUpdatedEvent updated(ProductId id, String name, long price) {
        return new ProductUpdatedEvent(id, name, null, "about " + name, null, Money.of(price, "EUR"), 4, null, null);
    }
}
