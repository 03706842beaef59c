package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends the tenant's unverified claim on {@code domain} if it has lapsed: it expired, or another
 * tenant proved ownership of the name. Sent by the platform's own scheduled work, never by a user;
 * a claim that has not lapsed stays as it is.
 */
public record ReleaseTenantDomainClaimCommand(
        @TargetAggregateIdentifier TenantId tenantId, String domain) {}
