package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CloseTenantCommand(@TargetAggregateIdentifier TenantId tenantId, String reason) {}
