package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.util.List;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code signUp} is present for a self-served registration only; the tenant then waits for it. */
public record RegisterTenantCommand(
        @TargetAggregateIdentifier TenantId tenantId,
        String name,
        String slug,
        List<String> domains,
        Set<TenantModule> modules,
        String industry,
        SignUpVerification signUp) {

    public RegisterTenantCommand(
            TenantId tenantId, String name, String slug, List<String> domains, Set<TenantModule> modules) {
        this(tenantId, name, slug, domains, modules, null, null);
    }
}
