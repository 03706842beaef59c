package dev.tenantcore.command.crm.lead;

import dev.tenantcore.api.common.UserId;

/** Who may own a lead: an active staff member (staff, manager or owner) of the current tenant. */
interface LeadOwners {

    boolean mayOwn(UserId user);
}
