package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes exactly {@code modules} enabled: the others are disabled. */
public record ChangeTenantModulesCommand(
        @TargetAggregateIdentifier TenantId tenantId, Set<TenantModule> modules) {}
