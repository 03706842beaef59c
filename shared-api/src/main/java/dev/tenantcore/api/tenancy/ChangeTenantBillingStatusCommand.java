package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ChangeTenantBillingStatusCommand(
        @TargetAggregateIdentifier TenantId tenantId,
        @TargetAggregateVersion Long expectedVersion,
        BillingStatus billingStatus) {}
