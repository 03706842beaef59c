package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterTenantCommand(
        @TargetAggregateIdentifier TenantId tenantId,
        String name,
        String slug,
        List<String> domains,
        Set<TenantModule> modules) {}
