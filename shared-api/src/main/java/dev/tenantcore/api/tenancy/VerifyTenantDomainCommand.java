package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Checks that the domain serves the tenant's verification token, and records it verified if so. */
public record VerifyTenantDomainCommand(
        @TargetAggregateIdentifier TenantId tenantId,
        @TargetAggregateVersion Long expectedVersion,
        String domain) {}
