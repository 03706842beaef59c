package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record TenantBillingStatusChangedEvent(TenantId tenantId, BillingStatus billingStatus) {}
