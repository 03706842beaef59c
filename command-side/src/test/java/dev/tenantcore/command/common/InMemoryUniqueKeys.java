package dev.tenantcore.command.common;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link UniqueKeys} on a map, standing in for the lookup tables in aggregate tests. Platform
 * scopes are global; per-tenant scopes belong to the tenant bound in {@link TenantContext}, as the
 * row-level-secured table belongs to {@code app_current_tenant()}. What a failed command claimed or
 * released is undone, as the rolled-back transaction would undo it.
 */
public final class InMemoryUniqueKeys implements UniqueKeys {

    private record Slot(Scope scope, TenantId tenant, String key) {}

    private final Map<Slot, UUID> owners = new HashMap<>();

    @Override
    public void claim(Scope scope, String key, UUID owner) {
        Slot slot = slot(scope, scope.perTenant() ? currentTenant() : null, key);
        UUID holder = owners.get(slot);
        if (holder == null) {
            owners.put(slot, owner);
            TestTransactions.onRollback(() -> owners.remove(slot));
        } else if (!holder.equals(owner)) {
            throw scope.taken(key);
        }
    }

    @Override
    public void release(Scope scope, String key, UUID owner) {
        Slot slot = slot(scope, scope.perTenant() ? currentTenant() : null, key);
        if (owners.remove(slot, owner)) {
            TestTransactions.onRollback(() -> owners.put(slot, owner));
        }
    }

    @Override
    public Optional<UUID> holder(Scope scope, String key) {
        return Optional.ofNullable(owners.get(slot(scope, scope.perTenant() ? currentTenant() : null, key)));
    }

    /** A platform-wide key that an earlier command claimed. */
    public void claimed(Scope scope, String key, UUID owner) {
        owners.put(slot(scope, null, key), owner);
    }

    /** A key of {@code tenant} that an earlier command claimed. */
    public void claimed(TenantId tenant, Scope scope, String key, UUID owner) {
        owners.put(slot(scope, tenant, key), owner);
    }

    public Optional<UUID> ownerOf(Scope scope, String key) {
        return Optional.ofNullable(owners.get(slot(scope, null, key)));
    }

    public Optional<UUID> ownerOf(TenantId tenant, Scope scope, String key) {
        return Optional.ofNullable(owners.get(slot(scope, tenant, key)));
    }

    private static Slot slot(Scope scope, TenantId tenant, String key) {
        if (scope.perTenant() == (tenant == null)) {
            throw new IllegalArgumentException(scope + (scope.perTenant() ? " needs a tenant" : " is platform-wide"));
        }
        return new Slot(scope, tenant, key);
    }

    private static TenantId currentTenant() {
        return TenantContext.current()
                .orElseThrow(() -> new IllegalStateException("a per-tenant key needs a tenant bound to the thread"));
    }
}
