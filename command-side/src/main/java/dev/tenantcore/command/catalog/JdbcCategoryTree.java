package dev.tenantcore.command.catalog;

import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link CategoryTree} on the row-level-secured {@code category_tree} table. */
@Component
class JdbcCategoryTree implements CategoryTree {

    private final JdbcTemplate jdbc;

    JdbcCategoryTree(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean exists(CategoryId category) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM category_tree WHERE category_id = ?)", Boolean.class, category.value()));
    }

    @Override
    public void add(CategoryId category, CategoryId parent) {
        jdbc.update(
                "INSERT INTO category_tree (tenant_id, category_id, parent_id) VALUES (app_current_tenant(), ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                category.value(),
                parent == null ? null : parent.value());
    }

    @Override
    public void move(CategoryId category, CategoryId newParent) {
        // Moves in one tenant are serialised, so two concurrent moves cannot form a cycle together.
        jdbc.queryForObject(
                "SELECT pg_advisory_xact_lock(hashtext('category_tree:' || app_current_tenant()::text))", Object.class);
        if (newParent != null) {
            Boolean cycle = jdbc.queryForObject("""
                    WITH RECURSIVE ancestors(id) AS (
                        SELECT CAST(? AS uuid)
                        UNION
                        SELECT t.parent_id FROM category_tree t JOIN ancestors a ON t.category_id = a.id
                        WHERE t.parent_id IS NOT NULL)
                    SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = ?)
                    """, Boolean.class, newParent.value(), category.value());
            if (Boolean.TRUE.equals(cycle)) {
                throw new DomainException(ErrorCode.CATEGORY_CYCLE, "A category cannot move below itself.");
            }
        }
        jdbc.update(
                "UPDATE category_tree SET parent_id = ? WHERE category_id = ?",
                newParent == null ? null : newParent.value(),
                category.value());
    }

    @Override
    public boolean hasChildren(CategoryId category) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM category_tree WHERE parent_id = ?)", Boolean.class, category.value()));
    }

    @Override
    public void remove(CategoryId category) {
        jdbc.update("DELETE FROM category_tree WHERE category_id = ?", category.value());
    }

    @Override
    public Optional<CategoryId> parentOf(CategoryId category) {
        List<UUID> parents = jdbc.queryForList(
                "SELECT parent_id FROM category_tree WHERE category_id = ?", UUID.class, category.value());
        return parents.isEmpty() || parents.get(0) == null
                ? Optional.empty()
                : Optional.of(new CategoryId(parents.get(0)));
    }
}
