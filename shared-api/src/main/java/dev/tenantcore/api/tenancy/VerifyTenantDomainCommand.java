package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Records the domain verified if {@code check} found the tenant's verification token on it. The
 * check is made before the command is sent (null: nothing was checked, as for a domain the tenant
 * has no unverified claim on).
 */
public record VerifyTenantDomainCommand(
        @TargetAggregateIdentifier TenantId tenantId,
        @TargetAggregateVersion Long expectedVersion,
        String domain,
        DomainOwnershipCheck check) {}
