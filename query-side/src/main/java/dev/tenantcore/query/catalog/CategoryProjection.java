package dev.tenantcore.query.catalog;

import dev.tenantcore.api.catalog.CategoryCreatedEvent;
import dev.tenantcore.api.catalog.CategoryDeactivatedEvent;
import dev.tenantcore.api.catalog.CategoryDeletedEvent;
import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.catalog.CategoryMovedEvent;
import dev.tenantcore.api.catalog.CategoryNode;
import dev.tenantcore.api.catalog.CategoryReactivatedEvent;
import dev.tenantcore.api.catalog.CategoryResponse;
import dev.tenantcore.api.catalog.CategoryTreeQuery;
import dev.tenantcore.api.catalog.CategoryUpdatedEvent;
import dev.tenantcore.api.catalog.FindCategoryBySlugQuery;
import dev.tenantcore.api.catalog.FindCategoryQuery;
import dev.tenantcore.api.catalog.ListCategoriesQuery;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.query.support.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 * Keeps {@code categories} in step with the category aggregates and answers category queries.
 *
 * <p>Rows are found by id only: row-level security limits every statement to the tenant the
 * infra interceptor set from the event's or query's metadata. An event applies only when newer
 * than the row's {@code version}, so redelivery and replay change nothing. After a change the
 * row is read back and pushed to subscribers of {@link FindCategoryQuery}; Axon sends it after the
 * transaction commits, so a subscriber never sees a row that is not yet readable.
 */
@Component
@ProcessingGroup("catalog")
class CategoryProjection {

    private static final String COLUMNS = "id, name, slug, parent_id, position, active, version, created_at";

    private final JdbcTemplate jdbc;
    private final TenantAwareTransactionManager transactions;
    private final QueryUpdateEmitter emitter;

    CategoryProjection(JdbcTemplate jdbc, TenantAwareTransactionManager transactions, QueryUpdateEmitter emitter) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.emitter = emitter;
    }

    @EventHandler
    void on(CategoryCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        // The row belongs to the tenant named in the event; write it under that tenant.
        transactions.bind(event.tenantId());
        int changed = jdbc.update(
                """
                INSERT INTO categories
                    (tenant_id, id, name, slug, parent_id, position, active, version, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?)
                ON CONFLICT (tenant_id, id) DO UPDATE
                   SET name = EXCLUDED.name, slug = EXCLUDED.slug, parent_id = EXCLUDED.parent_id,
                       position = EXCLUDED.position, active = EXCLUDED.active, version = EXCLUDED.version,
                       created_at = EXCLUDED.created_at, updated_at = EXCLUDED.updated_at
                 WHERE categories.version < EXCLUDED.version
                """,
                event.tenantId().value(),
                event.categoryId().value(),
                event.name(),
                event.slug(),
                uuidOrNull(event.parentId()),
                event.position(),
                sequence,
                Sql.timestamp(at),
                Sql.timestamp(at));
        publishIfChanged(changed, event.categoryId());
    }

    @EventHandler
    void on(CategoryUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        int changed = jdbc.update(
                """
                UPDATE categories SET name = ?, slug = ?, position = ?, version = ?, updated_at = ?
                 WHERE id = ? AND version < ?
                """,
                event.name(),
                event.slug(),
                event.position(),
                sequence,
                Sql.timestamp(at),
                event.categoryId().value(),
                sequence);
        publishIfChanged(changed, event.categoryId());
    }

    @EventHandler
    void on(CategoryMovedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        int changed = jdbc.update(
                """
                UPDATE categories SET parent_id = ?, position = ?, version = ?, updated_at = ?
                 WHERE id = ? AND version < ?
                """,
                uuidOrNull(event.parentId()),
                event.position(),
                sequence,
                Sql.timestamp(at),
                event.categoryId().value(),
                sequence);
        publishIfChanged(changed, event.categoryId());
    }

    @EventHandler
    void on(CategoryDeactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        publishIfChanged(setActive(event.categoryId(), false, sequence, at), event.categoryId());
    }

    @EventHandler
    void on(CategoryReactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        publishIfChanged(setActive(event.categoryId(), true, sequence, at), event.categoryId());
    }

    @EventHandler
    void on(CategoryDeletedEvent event) {
        CategoryId id = event.categoryId();
        jdbc.update("DELETE FROM categories WHERE id = ?", id.value());
        // There is no row left to send; completing the subscriptions tells waiters it is gone.
        emitter.complete(FindCategoryQuery.class, q -> id.equals(q.categoryId()));
    }

    @QueryHandler
    CategoryResponse handle(FindCategoryQuery query) {
        return find(query.categoryId());
    }

    @QueryHandler
    CategoryResponse handle(FindCategoryBySlugQuery query) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM categories WHERE slug = ? ORDER BY created_at, id LIMIT 1",
                        CategoryProjection::toResponse,
                        query.slug())
                .stream()
                .findFirst()
                .orElse(null);
    }

    @QueryHandler
    List<CategoryResponse> handle(ListCategoriesQuery query) {
        String order = " ORDER BY parent_id NULLS FIRST, position, name, id";
        if (query.active() == null) {
            return jdbc.query("SELECT " + COLUMNS + " FROM categories" + order, CategoryProjection::toResponse);
        }
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM categories WHERE active = ?" + order,
                CategoryProjection::toResponse,
                query.active());
    }

    /**
     * The storefront's navigation: active categories only, each list ordered by position then name.
     * Built from the roots down, so the subtree under an inactive (or missing) category is hidden
     * along with it.
     */
    @QueryHandler
    List<CategoryNode> handle(CategoryTreeQuery query) {
        List<CategoryResponse> active = jdbc.query(
                "SELECT " + COLUMNS + " FROM categories WHERE active ORDER BY position, name, id",
                CategoryProjection::toResponse);
        Map<UUID, List<CategoryResponse>> byParent = new HashMap<>();
        for (CategoryResponse category : active) {
            UUID parent =
                    category.parentId() == null ? null : category.parentId().value();
            byParent.computeIfAbsent(parent, p -> new ArrayList<>()).add(category);
        }
        return children(null, byParent);
    }

    private static List<CategoryNode> children(UUID parent, Map<UUID, List<CategoryResponse>> byParent) {
        return byParent.getOrDefault(parent, List.of()).stream()
                .map(c ->
                        new CategoryNode(c.id(), c.name(), c.slug(), c.position(), children(c.id().value(), byParent)))
                .toList();
    }

    private int setActive(CategoryId id, boolean active, long sequence, Instant at) {
        return jdbc.update(
                "UPDATE categories SET active = ?, version = ?, updated_at = ? WHERE id = ? AND version < ?",
                active,
                sequence,
                Sql.timestamp(at),
                id.value(),
                sequence);
    }

    private void publishIfChanged(int changedRows, CategoryId id) {
        if (changedRows == 0) {
            return;
        }
        CategoryResponse current = find(id);
        if (current != null) {
            emitter.emit(FindCategoryQuery.class, q -> id.equals(q.categoryId()), current);
        }
    }

    private CategoryResponse find(CategoryId id) {
        return jdbc
                .query(
                        "SELECT " + COLUMNS + " FROM categories WHERE id = ?",
                        CategoryProjection::toResponse,
                        id.value())
                .stream()
                .findFirst()
                .orElse(null);
    }

    /** Typed, so a null needs no driver round trip to learn the column type. */
    private static SqlParameterValue uuidOrNull(CategoryId id) {
        return new SqlParameterValue(Types.OTHER, id == null ? null : id.value());
    }

    private static CategoryResponse toResponse(ResultSet rs, int row) throws SQLException {
        UUID parent = rs.getObject("parent_id", UUID.class);
        return new CategoryResponse(
                new CategoryId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                rs.getString("slug"),
                parent == null ? null : new CategoryId(parent),
                rs.getInt("position"),
                rs.getBoolean("active"),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"));
    }
}
