package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Makes exactly {@code modules} enabled: the others are disabled. */
public record ChangeTenantModulesCommand(
        @TargetAggregateIdentifier TenantId tenantId,
        @TargetAggregateVersion Long expectedVersion,
        Set<TenantModule> modules) {}
