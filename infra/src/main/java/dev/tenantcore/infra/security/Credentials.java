package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.Role;

/** What sign-in needs to know of an account. */
public record Credentials(
        UserId userId,
        TenantId tenantId,
        String email,
        String displayName,
        String passwordHash,
        Role role,
        boolean active) {}
