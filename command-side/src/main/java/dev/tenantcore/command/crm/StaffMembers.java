package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.UserId;

/** Whom a contact may be assigned to: the current tenant's active staff (owner, manager, staff). */
interface StaffMembers {

    boolean isActiveStaff(UserId user);
}
