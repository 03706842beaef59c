package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.serialization.Revision;

/** The tenant ended for good; its domains were released for other tenants to take. */
@Revision("1")
public record TenantClosedEvent(TenantId tenantId, String reason) {}
