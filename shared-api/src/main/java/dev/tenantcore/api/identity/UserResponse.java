package dev.tenantcore.api.identity;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.time.Instant;

/** An account; {@code suspensionReason} and {@code suspendedAt} are set while it is suspended. */
public record UserResponse(
        UserId id,
        TenantId tenantId,
        String email,
        String displayName,
        Role role,
        UserStatus status,
        long version,
        Instant createdAt,
        String suspensionReason,
        Instant suspendedAt) {}
