package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.command.common.TestTransactions;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@link ActiveOwners} on a map, standing in for the {@code tenant_owners} table in aggregate tests.
 * Owners belong to the tenant bound in {@link TenantContext}, as the row-level-secured rows belong
 * to {@code app_current_tenant()}; what a failed command changed is undone, as a rollback would.
 */
final class InMemoryActiveOwners implements ActiveOwners {

    private final Map<TenantId, Set<UserId>> owners = new HashMap<>();

    @Override
    public void add(UserId owner) {
        Set<UserId> tenantOwners = ofCurrentTenant();
        if (tenantOwners.add(owner)) {
            TestTransactions.onRollback(() -> tenantOwners.remove(owner));
        }
    }

    @Override
    public void remove(UserId owner) {
        Set<UserId> tenantOwners = ofCurrentTenant();
        if (tenantOwners.stream().noneMatch(other -> !other.equals(owner))) {
            throw new DomainException(ErrorCode.LAST_OWNER, "The tenant's last active owner cannot be removed.");
        }
        if (tenantOwners.remove(owner)) {
            TestTransactions.onRollback(() -> tenantOwners.add(owner));
        }
    }

    /** Active owners of {@code tenant} that earlier commands recorded. */
    void given(TenantId tenant, UserId... active) {
        owners.computeIfAbsent(tenant, t -> new HashSet<>()).addAll(Set.of(active));
    }

    Set<UserId> of(TenantId tenant) {
        return Set.copyOf(owners.getOrDefault(tenant, Set.of()));
    }

    private Set<UserId> ofCurrentTenant() {
        TenantId tenant = TenantContext.current()
                .orElseThrow(() -> new IllegalStateException("active owners need a tenant bound to the thread"));
        return owners.computeIfAbsent(tenant, t -> new HashSet<>());
    }
}
