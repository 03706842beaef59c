package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.common.UniqueKeys;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * {@link ContactMerges} from the duplicate's own history. Loading bypasses the tenant guard of
 * commands, so the duplicate checks the tenant itself.
 */
@Component
class RepositoryContactMerges implements ContactMerges {

    private final Repository<Contact> contacts;
    private final UniqueKeys keys;
    private final CustomFieldDefinitions fields;

    RepositoryContactMerges(Repository<Contact> contactRepository, UniqueKeys keys, CustomFieldDefinitions fields) {
        this.contacts = contactRepository;
        this.keys = keys;
        this.fields = fields;
    }

    @Override
    public Contact.Details absorb(ContactId duplicate, ContactId survivor, TenantId tenant) {
        try {
            return contacts.load(duplicate.toString())
                    .invoke(contact -> contact.mergeInto(survivor, tenant, keys, fields.all()));
        } catch (AggregateNotFoundException e) {
            throw Rules.invalid("duplicateId does not name a contact");
        }
    }
}
