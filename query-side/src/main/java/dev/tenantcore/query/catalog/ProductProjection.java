package dev.tenantcore.query.catalog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.PageSize;
import dev.tenantcore.query.support.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code products} in step with the product aggregates and answers product queries, for
 * staff (every product) and for storefronts (active products only).
 *
 * <p>Rows are found by id only: row-level security limits every statement to the tenant the
 * infra interceptor set from the event's or query's metadata. An event applies only when newer
 * than the row's {@code version}, so redelivery and replay change nothing. After a change the
 * row is read back and pushed to subscribers of {@link FindProductQuery}, which is how the command
 * side waits until its write is readable; Axon sends it after the transaction commits.
 */
@Component
@ProcessingGroup("catalog")
class ProductProjection {

    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {};
    private static final String COLUMNS = "id, name, slug, description, kind, price_minor, currency, stock,"
            + " category_id, active, metadata, version, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final TenantAwareTransactionManager transactions;
    private final QueryUpdateEmitter emitter;
    private final ObjectMapper json;

    ProductProjection(
            JdbcTemplate jdbc,
            TenantAwareTransactionManager transactions,
            QueryUpdateEmitter emitter,
            ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.emitter = emitter;
        this.json = json;
    }

    @EventHandler
    void on(ProductCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        // The row belongs to the tenant named in the event; write it under that tenant.
        transactions.bind(event.tenantId());
        int changed = jdbc.update(
                """
                INSERT INTO products
                    (tenant_id, id, name, slug, description, kind, price_minor, currency, stock, category_id,
                     active, metadata, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?)
                ON CONFLICT (tenant_id, id) DO UPDATE
                   SET name = EXCLUDED.name, slug = EXCLUDED.slug, description = EXCLUDED.description,
                       kind = EXCLUDED.kind, price_minor = EXCLUDED.price_minor, currency = EXCLUDED.currency,
                       stock = EXCLUDED.stock, category_id = EXCLUDED.category_id, active = EXCLUDED.active,
                       metadata = EXCLUDED.metadata, version = EXCLUDED.version,
                       created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
                 WHERE products.version < EXCLUDED.version
                """,
                event.tenantId().value(),
                event.productId().value(),
                event.name(),
                event.slug(),
                new SqlParameterValue(Types.VARCHAR, event.description()),
                event.kind().wireName(),
                event.price().amountMinor(),
                event.price().currency(),
                event.stock(),
                uuidOrNull(event.categoryId()),
                event.active(),
                metadataJson(event.metadata() == null ? Map.of() : event.metadata()),
                sequence,
                Sql.timestamp(at),
                Sql.timestamp(at));
        publishIfChanged(changed, event.productId());
    }

    /**
     * The event holds the product's details after the update. Description and category are taken
     * as they are, since null there means "none"; a null in a required detail keeps the stored
     * value instead of failing the whole projection on a NOT NULL column.
     */
    @EventHandler
    void on(ProductUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Money price = event.price();
        int changed = jdbc.update(
                """
                UPDATE products
                   SET name = COALESCE(?, name), slug = COALESCE(?, slug), description = ?,
                       kind = COALESCE(?, kind), price_minor = COALESCE(?, price_minor),
                       currency = COALESCE(?, currency), stock = ?, category_id = ?,
                       metadata = COALESCE(CAST(? AS jsonb), metadata), version = ?, updated_at = ?
                 WHERE id = ? AND version < ?
                """,
                new SqlParameterValue(Types.VARCHAR, event.name()),
                new SqlParameterValue(Types.VARCHAR, event.slug()),
                new SqlParameterValue(Types.VARCHAR, event.description()),
                new SqlParameterValue(
                        Types.VARCHAR,
                        event.kind() == null ? null : event.kind().wireName()),
                new SqlParameterValue(Types.BIGINT, price == null ? null : price.amountMinor()),
                new SqlParameterValue(Types.VARCHAR, price == null ? null : price.currency()),
                event.stock(),
                uuidOrNull(event.categoryId()),
                new SqlParameterValue(Types.VARCHAR, event.metadata() == null ? null : metadataJson(event.metadata())),
                sequence,
                Sql.timestamp(at),
                event.productId().value(),
                sequence);
        publishIfChanged(changed, event.productId());
    }

    @EventHandler
    void on(ProductDeactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        publishIfChanged(setActive(event.productId(), false, sequence, at), event.productId());
    }

    @EventHandler
    void on(ProductReactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        publishIfChanged(setActive(event.productId(), true, sequence, at), event.productId());
    }

    @EventHandler
    void on(ProductDeletedEvent event) {
        ProductId id = event.productId();
        jdbc.update("DELETE FROM products WHERE id = ?", id.value());
        // There is no row left to send; completing the subscriptions tells waiters it is gone.
        emitter.complete(FindProductQuery.class, q -> id.equals(q.productId()));
    }

    @QueryHandler
    ProductResponse handle(FindProductQuery query) {
        String sql = "SELECT " + COLUMNS + " FROM products WHERE id = ?" + (query.storefront() ? " AND active" : "");
        return jdbc.query(sql, this::toResponse, query.productId().value()).stream()
                .findFirst()
                .orElse(null);
    }

    @QueryHandler
    ProductResponse handle(FindProductBySlugQuery query) {
        String sql = "SELECT " + COLUMNS + " FROM products WHERE slug = ?" + (query.storefront() ? " AND active" : "")
                + " ORDER BY created_at, id LIMIT 1";
        return jdbc.query(sql, this::toResponse, query.slug()).stream()
                .findFirst()
                .orElse(null);
    }

    /** Keyset pagination over (created_at, id): stable while products are added, and index-backed. */
    @QueryHandler
    ProductPage handle(ListProductsQuery query) {
        int limit = PageSize.of(query.limit());
        PageCursor after = PageCursor.decode(query.cursor());
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM products WHERE TRUE");
        List<Object> args = new ArrayList<>();
        if (query.categoryId() != null) {
            sql.append(" AND category_id = ?");
            args.add(query.categoryId().value());
        }
        if (query.storefront()) {
            sql.append(" AND active");
        } else if (query.active() != null) {
            sql.append(" AND active = ?");
            args.add(query.active());
        }
        if (query.text() != null && !query.text().isBlank()) {
            sql.append(" AND name ILIKE ? ESCAPE '\\'");
            args.add(Sql.containsPattern(query.text().strip()));
        }
        if (after != null) {
            sql.append(" AND (created_at, id) > (?, ?)");
            args.add(Sql.timestamp(after.createdAt()));
            args.add(after.id());
        }
        // One row more than asked tells whether another page exists without a count query.
        sql.append(" ORDER BY created_at, id LIMIT ?");
        args.add(limit + 1);
        List<ProductResponse> rows = jdbc.query(sql.toString(), this::toResponse, args.toArray());
        if (rows.size() <= limit) {
            return new ProductPage(rows, null);
        }
        List<ProductResponse> page = List.copyOf(rows.subList(0, limit));
        ProductResponse last = page.get(limit - 1);
        return new ProductPage(page, new PageCursor(last.createdAt(), last.id().value()).encode());
    }

    private int setActive(ProductId id, boolean active, long sequence, Instant at) {
        return jdbc.update(
                "UPDATE products SET active = ?, version = ?, updated_at = ? WHERE id = ? AND version < ?",
                active,
                sequence,
                Sql.timestamp(at),
                id.value(),
                sequence);
    }

    /**
     * Storefront subscribers only hear of the product while it is active, as their initial
     * result would have been empty otherwise.
     */
    private void publishIfChanged(int changedRows, ProductId id) {
        if (changedRows == 0) {
            return;
        }
        ProductResponse current =
                jdbc.query("SELECT " + COLUMNS + " FROM products WHERE id = ?", this::toResponse, id.value()).stream()
                        .findFirst()
                        .orElse(null);
        if (current != null) {
            emitter.emit(
                    FindProductQuery.class,
                    q -> id.equals(q.productId()) && (!q.storefront() || current.active()),
                    current);
        }
    }

    /** Typed, so a null needs no driver round trip to learn the column type. */
    private static SqlParameterValue uuidOrNull(CategoryId id) {
        return new SqlParameterValue(Types.OTHER, id == null ? null : id.value());
    }

    private String metadataJson(Map<String, String> metadata) {
        try {
            return json.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write product metadata", e);
        }
    }

    private ProductResponse toResponse(ResultSet rs, int row) throws SQLException {
        UUID category = rs.getObject("category_id", UUID.class);
        Map<String, String> metadata;
        try {
            metadata = json.readValue(rs.getString("metadata"), METADATA);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read product metadata", e);
        }
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
                metadata,
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"));
    }
}
