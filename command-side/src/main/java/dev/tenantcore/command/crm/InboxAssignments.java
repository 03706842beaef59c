package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.UserId;
import java.util.Optional;

/**
 * Who gets the current tenant's new conversation: nobody unless the tenant turned auto-assignment
 * on; else the available, active staff member given a conversation least recently (never assigned
 * first), who is then marked as given one now. Runs in the first inbound message's transaction;
 * picks of one tenant take turns until their transaction ends, so conversations started at the same
 * time go to different people.
 */
interface InboxAssignments {

    Optional<UserId> next();

    /** The next available staff member in the same turn as {@link #next}, even with auto-assignment off. */
    default Optional<UserId> nextInTurn() {
        return next();
    }
}
