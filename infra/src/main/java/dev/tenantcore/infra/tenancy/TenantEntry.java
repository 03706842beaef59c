package dev.tenantcore.infra.tenancy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.CheckoutSettings;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantStatus;
import java.util.Set;

/**
 * What the edge needs to know about a tenant to route and admit a request, the tax rate (in basis
 * points) that orders are placed with, and how those orders get paid.
 */
public record TenantEntry(
        TenantId id,
        String slug,
        TenantStatus status,
        Set<TenantModule> modules,
        Set<String> activeDomains,
        int taxRateBasisPoints,
        CheckoutSettings checkout) {

    public TenantEntry(
            TenantId id, String slug, TenantStatus status, Set<TenantModule> modules, Set<String> activeDomains) {
        this(id, slug, status, modules, activeDomains, 0, CheckoutSettings.defaults());
    }

    public boolean suspended() {
        return status == TenantStatus.SUSPENDED;
    }

    public boolean closed() {
        return status == TenantStatus.CLOSED;
    }

    public boolean hasModule(TenantModule module) {
        return modules.contains(module);
    }
}
