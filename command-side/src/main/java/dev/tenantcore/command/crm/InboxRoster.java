package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.UserId;

/** The command-side record {@link InboxAssignments} decides from, written in the inbox's command transaction. */
interface InboxRoster {

    void available(UserId user, boolean available);

    void autoAssign(boolean autoAssign);
}
