package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sign-ups still waiting for their owner's verification, written by the {@code Tenant} aggregate in
 * the transaction of the events that start, renew and end them. The resend endpoint finds a pending
 * sign-up by its owner's address or its slug here, and the cleanup sweep ({@link SignUpTasks}) finds
 * the ones never verified, however far the read model lags.
 */
interface PendingSignUps {

    record PendingSignUp(TenantId tenantId, String slug, UserId ownerId, String ownerEmail) {}

    /** A new sign-up, requested now (the application's clock), whose token runs out at {@code tokenExpiresAt}. */
    void requested(TenantId tenant, String slug, UserId ownerId, String ownerEmail, Instant tokenExpiresAt);

    void reissued(TenantId tenant, Instant tokenExpiresAt);

    /** Verified or expired: no longer pending. Idempotent. */
    void ended(TenantId tenant);

    /** The pending sign-ups of an owner's address (lower case), the newest first, up to {@code limit}. */
    List<PendingSignUp> byEmail(String ownerEmail, int limit);

    Optional<PendingSignUp> bySlug(String slug);

    /** Up to {@code limit} sign-ups requested at or before {@code requestedBefore} whose last token ran out by {@code now}. */
    List<TenantId> lapsed(Instant requestedBefore, Instant now, int limit);
}
