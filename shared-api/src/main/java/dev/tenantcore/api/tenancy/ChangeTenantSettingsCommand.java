package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Replaces the tenant's settings as a whole. */
public record ChangeTenantSettingsCommand(
        @TargetAggregateIdentifier TenantId tenantId,
        @TargetAggregateVersion Long expectedVersion,
        TenantSettings settings) {}
