package dev.tenantcore.command.crm.lead;

import dev.tenantcore.api.crm.Consent;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.CreateContactCommand;
import java.util.List;
import java.util.Optional;

/**
 * What converting a lead needs of contacts: the tenant's contact that already has the lead's email
 * or phone, and creating one when none has. Both happen in the convert command's transaction, so a
 * contact committed a moment ago is found, and a created contact and the lead's conversion commit
 * together or not at all.
 */
interface LeadContacts {

    /** The contact with this email, else the one with this phone; either may be null. */
    Optional<ContactId> find(String email, String phone);

    /** Creates the contact, refused with {@code duplicate_contact} when a concurrent one took its email or phone. */
    void create(CreateContactCommand command);

    /** Adds the consents the existing contact lacks ({@code AddContactConsentsCommand}), in the same transaction. */
    void addConsents(ContactId contact, List<Consent> consents);
}
