package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.time.Instant;

/**
 * A tenant signed itself up and its owner must receive the verification token by email. Published
 * as an in-process Spring application event for whatever sends that email, with what the email
 * needs. It carries the raw token, so it never becomes an Axon message, a row, a log line or part
 * of an HTTP answer; {@link #toString()} leaves the token out. The event store has only the
 * token's SHA-256 ({@code TenantSignUpRequestedEvent}).
 */
public record SignUpVerificationIssued(
        TenantId tenantId,
        UserId ownerId,
        String email,
        String displayName,
        String tenantName,
        String domain,
        String token,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "SignUpVerificationIssued[tenantId=" + tenantId + ", ownerId=" + ownerId + ", domain=" + domain
                + ", expiresAt=" + expiresAt + "]";
    }
}
