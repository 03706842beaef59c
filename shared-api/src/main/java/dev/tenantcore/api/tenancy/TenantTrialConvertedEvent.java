package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.serialization.Revision;

/** The platform took a trial tenant on as a regular, active tenant. */
@Revision("1")
public record TenantTrialConvertedEvent(TenantId tenantId) {}
