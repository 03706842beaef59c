package dev.tenantcore.query.catalog;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.FindProductBySlugQuery;
import dev.tenantcore.api.catalog.FindProductQuery;
import dev.tenantcore.api.catalog.ListProductsQuery;
import dev.tenantcore.api.catalog.ProductCreatedEvent;
import dev.tenantcore.api.catalog.ProductDeactivatedEvent;
import dev.tenantcore.api.catalog.ProductDeletedEvent;
import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.catalog.ProductKind;
import dev.tenantcore.api.catalog.ProductPage;
import dev.tenantcore.api.catalog.ProductReactivatedEvent;
import dev.tenantcore.api.catalog.ProductResponse;
import dev.tenantcore.api.catalog.ProductUpdatedEvent;
import dev.tenantcore.api.common.Money;
import dev.tenantcore.query.support.KeysetPage;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import dev.tenantcore.query.support.Sql;
import dev.tenantcore.query.support.VersionedRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code products} in step with the product aggregates and answers product queries, for
 * staff (every product) and for storefronts (active products only).
 *
 * <p>Writes are versioned ({@link VersionedRows}), so redelivery and replay change nothing. After a
 * change the row is read back and pushed to subscribers of {@link FindProductQuery}, which is how
 * the command side waits until its write is readable.
 */
@Component
@ProcessingGroup("catalog")
class ProductProjection {

    private static final String TABLE = "products";
    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {};
    private static final String COLUMNS = "id, name, slug, description, kind, price_minor, currency, stock,"
            + " category_id, active, metadata, version, created_at, updated_at, " + CatalogImages.OF_PRODUCTS;

    private final ReadModel store;
    private final ReadTable<ProductId> products;

    ProductProjection(ReadModel store) {
        this.store = store;
        this.products = store.table(TABLE, ProductId::value, (id, changed) -> publishIf(changed, id));
    }

    @EventHandler
    void on(ProductCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        products.insert(event.tenantId(), event.productId())
                .value("name", event.name())
                .value("slug", event.slug())
                .value("description", event.description())
                .value("kind", event.kind().wireName())
                .value("price_minor", event.price().amountMinor())
                .value("currency", event.price().currency())
                .value("stock", event.stock())
                .value("category_id", uuidOrNull(event.categoryId()))
                .value("active", event.active())
                .json("metadata", event.metadata() == null ? Map.of() : event.metadata())
                .apply(sequence, at);
    }

    /**
     * The event holds the product's details after the update. Description and category are taken
     * as they are, since null there means "none"; a null in a required detail keeps the stored
     * value instead of failing the whole projection on a NOT NULL column.
     */
    @EventHandler
    void on(ProductUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Money price = event.price();
        products.update(event.productId())
                .set("name", "COALESCE(?, name)", event.name())
                .set("slug", "COALESCE(?, slug)", event.slug())
                .set("description", event.description())
                .set(
                        "kind",
                        "COALESCE(?, kind)",
                        event.kind() == null ? null : event.kind().wireName())
                .set("price_minor", "COALESCE(?, price_minor)", price == null ? null : price.amountMinor())
                .set("currency", "COALESCE(?, currency)", price == null ? null : price.currency())
                .set("stock", event.stock())
                .set("category_id", uuidOrNull(event.categoryId()))
                .set(
                        "metadata",
                        "COALESCE(CAST(? AS jsonb), metadata)",
                        event.metadata() == null ? null : store.json().write(event.metadata()))
                .apply(sequence, at);
    }

    @EventHandler
    void on(ProductDeactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        products.set(event.productId(), "active", false, sequence, at);
    }

    @EventHandler
    void on(ProductReactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        products.set(event.productId(), "active", true, sequence, at);
    }

    @EventHandler
    void on(ProductDeletedEvent event) {
        ProductId id = event.productId();
        store.delete(TABLE, id.value(), FindProductQuery.class, q -> id.equals(q.productId()));
    }

    @ResetHandler
    void reset() {
        store.reset(TABLE);
    }

    @QueryHandler
    ProductResponse handle(FindProductQuery query) {
        String sql = "SELECT " + COLUMNS + " FROM products WHERE id = ?" + (query.storefront() ? " AND active" : "");
        return store.findOne(sql, this::toResponse, query.productId().value());
    }

    @QueryHandler
    ProductResponse handle(FindProductBySlugQuery query) {
        String sql = "SELECT " + COLUMNS + " FROM products WHERE slug = ?" + (query.storefront() ? " AND active" : "")
                + " ORDER BY created_at, id LIMIT 1";
        return store.findOne(sql, this::toResponse, query.slug());
    }

    /** Oldest first; storefronts see active products only. */
    @QueryHandler
    ProductPage handle(ListProductsQuery query) {
        KeysetPage.Query<ProductResponse> list = KeysetPage.select(
                        "SELECT " + COLUMNS + " FROM products", this::toResponse)
                .whereGiven("category_id = ?", query.categoryId(), CategoryId::value);
        if (query.storefront()) {
            list.where("active");
        } else {
            list.whereGiven("active = ?", query.active());
        }
        if (query.text() != null && !query.text().isBlank()) {
            list.where(
                    "name ILIKE ? ESCAPE '\\'", Sql.containsPattern(query.text().strip()));
        }
        KeysetPage<ProductResponse> page =
                list.page(store.jdbc(), query.limit(), query.cursor(), ProductProjection::position);
        return new ProductPage(page.items(), page.nextCursor());
    }

    private static PageCursor position(ProductResponse product) {
        return new PageCursor(product.createdAt(), product.id().value());
    }

    /**
     * Storefront subscribers only hear of the product while it is active, as their initial
     * result would have been empty otherwise.
     */
    private void publishIf(boolean changed, ProductId id) {
        store.publishIf(
                changed,
                FindProductQuery.class,
                () -> handle(new FindProductQuery(id, false)),
                (q, row) -> id.equals(q.productId()) && (!q.storefront() || row.active()));
    }

    private static UUID uuidOrNull(CategoryId id) {
        return id == null ? null : id.value();
    }

    private ProductResponse toResponse(ResultSet rs, int row) throws SQLException {
        UUID category = rs.getObject("category_id", UUID.class);
        return new ProductResponse(
                new ProductId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                rs.getString("slug"),
                rs.getString("description"),
                ProductKind.fromWireName(rs.getString("kind")),
                Money.of(rs.getLong("price_minor"), rs.getString("currency")),
                rs.getInt("stock"),
                category == null ? null : new CategoryId(category),
                rs.getBoolean("active"),
                store.json().read(rs, "metadata", METADATA),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"),
                CatalogImages.read(store.json(), rs));
    }
}
