package dev.tenantcore.command.catalog;

import dev.tenantcore.api.catalog.CategoryId;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.command.common.TestTransactions;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link CategoryTree} on maps, standing in for the {@code category_tree} table in aggregate tests:
 * one tree per tenant bound in {@link TenantContext}, as row-level security shows each tenant only
 * its own rows. Changes of a failed command are undone, as the rolled-back transaction would.
 */
final class InMemoryCategoryTree implements CategoryTree {

    /** Category to parent; a top-level category maps to {@code null}. */
    private final Map<TenantId, Map<CategoryId, CategoryId>> trees = new HashMap<>();

    @Override
    public boolean exists(CategoryId category) {
        return tree().containsKey(category);
    }

    @Override
    public void add(CategoryId category, CategoryId parent) {
        Map<CategoryId, CategoryId> tree = tree();
        if (!tree.containsKey(category)) {
            tree.put(category, parent);
            TestTransactions.onRollback(() -> tree.remove(category));
        }
    }

    @Override
    public void move(CategoryId category, CategoryId newParent) {
        Map<CategoryId, CategoryId> tree = tree();
        Set<CategoryId> seen = new HashSet<>();
        for (CategoryId ancestor = newParent; ancestor != null && seen.add(ancestor); ancestor = tree.get(ancestor)) {
            if (ancestor.equals(category)) {
                throw new DomainException(ErrorCode.CATEGORY_CYCLE, "A category cannot move below itself.");
            }
        }
        if (tree.containsKey(category)) {
            CategoryId previous = tree.put(category, newParent);
            TestTransactions.onRollback(() -> tree.put(category, previous));
        }
    }

    @Override
    public boolean hasChildren(CategoryId category) {
        return tree().containsValue(category);
    }

    @Override
    public void remove(CategoryId category) {
        Map<CategoryId, CategoryId> tree = tree();
        if (tree.containsKey(category)) {
            CategoryId parent = tree.remove(category);
            TestTransactions.onRollback(() -> tree.put(category, parent));
        }
    }

    @Override
    public Optional<CategoryId> parentOf(CategoryId category) {
        return Optional.ofNullable(tree().get(category));
    }

    /** A category of {@code tenant} that an earlier command created. */
    void existing(TenantId tenant, CategoryId category, CategoryId parent) {
        trees.computeIfAbsent(tenant, t -> new HashMap<>()).put(category, parent);
    }

    boolean contains(TenantId tenant, CategoryId category) {
        return trees.getOrDefault(tenant, Map.of()).containsKey(category);
    }

    Optional<CategoryId> parentOf(TenantId tenant, CategoryId category) {
        return Optional.ofNullable(trees.getOrDefault(tenant, Map.of()).get(category));
    }

    private Map<CategoryId, CategoryId> tree() {
        TenantId tenant = TenantContext.current()
                .orElseThrow(() -> new IllegalStateException("the category tree needs a tenant bound to the thread"));
        return trees.computeIfAbsent(tenant, t -> new HashMap<>());
    }
}
