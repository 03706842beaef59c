package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.ContactId;

/** Loads the duplicate of a merge in the survivor's unit of work, so both change in one transaction. */
interface ContactMerges {

    /**
     * Marks {@code duplicate} merged into {@code survivor}, releasing what identified it, and
     * answers the details it had. Refused as invalid when {@code duplicate} is no contact of
     * {@code tenant}, and as an invalid state when it was merged already.
     */
    Contact.Details absorb(ContactId duplicate, ContactId survivor, TenantId tenant);
}
