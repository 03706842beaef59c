package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.util.Set;
import org.axonframework.serialization.Revision;

@Revision("1")
public record TenantRegisteredEvent(TenantId tenantId, String name, String slug, Set<TenantModule> modules) {}
