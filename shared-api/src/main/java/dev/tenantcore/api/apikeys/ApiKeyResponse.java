package dev.tenantcore.api.apikeys;

import dev.tenantcore.api.identity.Role;
import java.time.Instant;
import java.util.List;

/** An API key as its owners see it: never the secret, only the prefix that names it. */
public record ApiKeyResponse(
        ApiKeyId id,
        String name,
        String prefix,
        List<Role> roles,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        boolean revoked,
        Instant revokedAt,
        long version) {}
