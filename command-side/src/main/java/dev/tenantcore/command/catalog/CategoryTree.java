package dev.tenantcore.command.catalog;

import dev.tenantcore.api.catalog.CategoryId;
import java.util.Optional;

/**
 * The command side's own view of one tenant's category tree, kept in the same transaction as the
 * category events, so that a move that would create a cycle is refused even under concurrency.
 */
public interface CategoryTree {

    boolean exists(CategoryId category);

    void add(CategoryId category, CategoryId parent);

    /** Refuses with {@code category_cycle} when {@code newParent} is the category or lies below it. */
    void move(CategoryId category, CategoryId newParent);

    boolean hasChildren(CategoryId category);

    void remove(CategoryId category);

    Optional<CategoryId> parentOf(CategoryId category);
}
