package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.Role;

/**
 * The command side's own record of what sign-in checks: each account's email, password hash, role
 * whether it is active and whether the platform suspended it. {@link UserAccount} writes it in the same transaction as its events, so
 * a new password or a deactivation counts for the very next sign-in and token refresh, however far
 * the user read model lags behind, and even when its processor has dead-lettered an event. Sign-in
 * reads it through infra's {@code UserCredentials}.
 *
 * <p>Each change carries the account's version after it, the one its events reached.
 */
interface SignInCredentials {

    void registered(UserId user, String email, String displayName, String passwordHash, Role role);

    void passwordChanged(UserId user, String passwordHash, long version);

    void activated(UserId user, boolean active, long version);

    /** Suspended by the platform, or reinstated: a suspended account signs in as little as an inactive one. */
    void suspended(UserId user, boolean suspended, long version);

    void roleChanged(UserId user, Role role, long version);

    void renamed(UserId user, String displayName, long version);

    /** The account is gone, and its email free for a new one. */
    void deleted(UserId user);
}
