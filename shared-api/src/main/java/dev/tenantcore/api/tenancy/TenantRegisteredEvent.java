package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** {@code industry} is null for tenants registered before it existed, and when none was given. */
@Revision("1")
public record TenantRegisteredEvent(
        TenantId tenantId, String name, String slug, Set<TenantModule> modules, String industry) {

    public TenantRegisteredEvent(TenantId tenantId, String name, String slug, Set<TenantModule> modules) {
        this(tenantId, name, slug, modules, null);
    }
}
