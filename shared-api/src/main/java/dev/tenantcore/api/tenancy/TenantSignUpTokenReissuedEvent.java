package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A pending sign-up got a new verification token; the one before it no longer verifies. */
@Revision("1")
public record TenantSignUpTokenReissuedEvent(
        TenantId tenantId, UserId ownerId, String ownerEmail, String tokenHash, Instant expiresAt) {}
