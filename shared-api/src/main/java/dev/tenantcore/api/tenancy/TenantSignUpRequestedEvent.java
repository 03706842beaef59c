package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A tenant signed itself up and is pending until its owner proves the email address. Carries what
 * the verification email needs but the token itself: only its SHA-256 is recorded.
 */
@Revision("1")
public record TenantSignUpRequestedEvent(
        TenantId tenantId, UserId ownerId, String ownerEmail, String tokenHash, Instant expiresAt) {}
