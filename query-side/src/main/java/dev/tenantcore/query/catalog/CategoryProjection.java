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
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import dev.tenantcore.query.support.Sql;
import dev.tenantcore.query.support.VersionedRows;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * Keeps {@code categories} in step with the category aggregates and answers category queries.
 *
 * <p>Writes are versioned ({@link VersionedRows}), so redelivery and replay change nothing. After a
 * change the row is read back and pushed to subscribers of {@link FindCategoryQuery}.
 */
@Component
@ProcessingGroup("catalog")
class CategoryProjection {

    private static final String TABLE = "categories";
    private static final String COLUMNS =
            "id, name, slug, parent_id, position, active, version, created_at, " + CatalogImages.OF_CATEGORIES;

    private final ReadModel store;
    private final ReadTable<CategoryId> categories;

    CategoryProjection(ReadModel store) {
        this.store = store;
        this.categories = store.table(TABLE, CategoryId::value, (id, changed) -> publishIf(changed, id));
    }

    @EventHandler
    void on(CategoryCreatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        categories
                .insert(event.tenantId(), event.categoryId())
                .value("name", event.name())
                .value("slug", event.slug())
                .value("parent_id", uuidOrNull(event.parentId()))
                .value("position", event.position())
                .value("active", true)
                .apply(sequence, at);
    }

    @EventHandler
    void on(CategoryUpdatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        categories
                .update(event.categoryId())
                .set("name", event.name())
                .set("slug", event.slug())
                .set("position", event.position())
                .apply(sequence, at);
    }

    @EventHandler
    void on(CategoryMovedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        categories
                .update(event.categoryId())
                .set("parent_id", uuidOrNull(event.parentId()))
                .set("position", event.position())
                .apply(sequence, at);
    }

    @EventHandler
    void on(CategoryDeactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        categories.set(event.categoryId(), "active", false, sequence, at);
    }

    @EventHandler
    void on(CategoryReactivatedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        categories.set(event.categoryId(), "active", true, sequence, at);
    }

    @EventHandler
    void on(CategoryDeletedEvent event) {
        CategoryId id = event.categoryId();
        store.delete(TABLE, id.value(), FindCategoryQuery.class, q -> id.equals(q.categoryId()));
    }

    @ResetHandler
    void reset() {
        store.reset(TABLE);
    }

    @QueryHandler
    CategoryResponse handle(FindCategoryQuery query) {
        return find(query.categoryId());
    }

    @QueryHandler
    CategoryResponse handle(FindCategoryBySlugQuery query) {
        return store.findOne(
                "SELECT " + COLUMNS + " FROM categories WHERE slug = ? ORDER BY created_at, id LIMIT 1",
                this::toResponse,
                query.slug());
    }

    @QueryHandler
    List<CategoryResponse> handle(ListCategoriesQuery query) {
        String order = " ORDER BY parent_id NULLS FIRST, position, name, id";
        if (query.active() == null) {
            return store.jdbc().query("SELECT " + COLUMNS + " FROM categories" + order, this::toResponse);
        }
        return store.jdbc()
                .query(
                        "SELECT " + COLUMNS + " FROM categories WHERE active = ?" + order,
                        this::toResponse,
                        query.active());
    }

    /**
     * The storefront's navigation: active categories only, each list ordered by position then name.
     * Built from the roots down, so the subtree under an inactive (or missing) category is hidden
     * along with it.
     */
    @QueryHandler
    List<CategoryNode> handle(CategoryTreeQuery query) {
        List<CategoryResponse> active = store.jdbc()
                .query(
                        "SELECT " + COLUMNS + " FROM categories WHERE active ORDER BY position, name, id",
                        this::toResponse);
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
                .map(c -> new CategoryNode(
                        c.id(), c.name(), c.slug(), c.position(), children(c.id().value(), byParent), c.images()))
                .toList();
    }

    private void publishIf(boolean changed, CategoryId id) {
        store.publishIf(changed, FindCategoryQuery.class, () -> find(id), (q, row) -> id.equals(q.categoryId()));
    }

    private CategoryResponse find(CategoryId id) {
        return store.findOne("SELECT " + COLUMNS + " FROM categories WHERE id = ?", this::toResponse, id.value());
    }

    private static UUID uuidOrNull(CategoryId id) {
        return id == null ? null : id.value();
    }

    private CategoryResponse toResponse(ResultSet rs, int row) throws SQLException {
        UUID parent = rs.getObject("parent_id", UUID.class);
        return new CategoryResponse(
                new CategoryId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                rs.getString("slug"),
                parent == null ? null : new CategoryId(parent),
                rs.getInt("position"),
                rs.getBoolean("active"),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                CatalogImages.read(store.json(), rs));
    }
}
