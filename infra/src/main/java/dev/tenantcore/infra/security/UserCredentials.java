package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.UserId;
import java.util.Optional;

/**
 * Looks up accounts of the current tenant for sign-in. Implemented by the command side's own
 * record of the accounts, written in the transaction of every change to one (never by the lagging
 * read model); runs inside the caller's tenant-scoped transaction, so another tenant's accounts are
 * invisible.
 */
public interface UserCredentials {

    Optional<Credentials> byEmail(String email);

    Optional<Credentials> byId(UserId userId);

    /**
     * The account as {@link #byId}, held until the transaction ends against changes to it: a change
     * that commits meanwhile waits for the caller, so a session recorded in this transaction is
     * one the change then sees (and ends).
     */
    Optional<Credentials> lockById(UserId userId);
}
