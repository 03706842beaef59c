package dev.tenantcore.api.identity;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.time.Instant;

public record UserResponse(
        UserId id,
        TenantId tenantId,
        String email,
        String displayName,
        Role role,
        UserStatus status,
        long version,
        Instant createdAt) {}
