package dev.tenantcore.api.tenancy;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;

/**
 * What a self-served registration needs before the tenant may be used: its first owner must prove
 * the email address with a token, of which only the SHA-256 is ever recorded.
 */
public record SignUpVerification(UserId ownerId, String ownerEmail, String tokenHash, Instant expiresAt) {}
