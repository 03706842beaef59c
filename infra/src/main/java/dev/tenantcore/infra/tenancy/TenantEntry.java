package dev.tenantcore.infra.tenancy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.api.tenancy.TenantStatus;
import java.util.Set;

/**
 * What the edge needs to know about a tenant to route and admit a request. Only that: it follows
 * the tenant read model a moment behind, so facts that commands record in events (tax rate, seller,
 * checkout) come from the command side's own tenant table instead.
 */
public record TenantEntry(
        TenantId id, String slug, TenantStatus status, Set<TenantModule> modules, Set<String> activeDomains) {

    public boolean suspended() {
        return status == TenantStatus.SUSPENDED;
    }

    public boolean closed() {
        return status == TenantStatus.CLOSED;
    }

    /** A self-served sign-up whose owner has not yet proven the email address. */
    public boolean pending() {
        return status == TenantStatus.PENDING;
    }

    public boolean trialEnded() {
        return status == TenantStatus.TRIAL_ENDED;
    }

    public boolean hasModule(TenantModule module) {
        return modules.contains(module);
    }
}
