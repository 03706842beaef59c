package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.time.Instant;

/**
 * A password reset token was issued and must reach the account's owner by email. Published as an
 * in-process Spring application event for whatever sends that email. It carries the raw token, so
 * it never becomes an Axon message, a log line or part of an HTTP answer; {@link #toString()}
 * leaves the token out.
 */
public record PasswordResetIssued(TenantId tenantId, UserId userId, String email, String token, Instant expiresAt) {

    @Override
    public String toString() {
        return "PasswordResetIssued[tenantId=" + tenantId + ", userId=" + userId + ", expiresAt=" + expiresAt + "]";
    }
}
