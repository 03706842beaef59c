package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.UserId;

/**
 * The command side's own list of one tenant's active owners, kept in the same transaction as the
 * user events: whether an owner may go depends on the other owners, which no single
 * {@link UserAccount} knows.
 */
public interface ActiveOwners {

    void add(UserId owner);

    /**
     * Takes {@code owner} off the list; refuses with {@code last_owner} when no other active owner
     * would remain. Removals in one tenant are serialised, so two owners removed at the same moment
     * cannot each count on the other staying.
     */
    void remove(UserId owner);
}
