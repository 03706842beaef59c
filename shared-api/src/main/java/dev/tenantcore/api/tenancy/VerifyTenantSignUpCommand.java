package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code trialEndsAt} is decided by the platform's trial length at the moment of verification. */
public record VerifyTenantSignUpCommand(
        @TargetAggregateIdentifier TenantId tenantId, String tokenHash, Instant verifiedAt, Instant trialEndsAt) {}
