package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the platform's resend endpoint only: a new verification token for a sign-up that is still
 * pending. Carries the new token's SHA-256, never the token.
 */
public record ReissueTenantSignUpTokenCommand(
        @TargetAggregateIdentifier TenantId tenantId, String tokenHash, Instant expiresAt) {}
