package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.identity.Role;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** What authentication needs to know of a stored API key. */
public record ApiKeyCredential(
        UUID keyId, TenantId tenantId, String prefix, Set<Role> roles, Instant expiresAt, boolean revoked) {

    public boolean usableAt(Instant now) {
        return !revoked && (expiresAt == null || expiresAt.isAfter(now));
    }
}
