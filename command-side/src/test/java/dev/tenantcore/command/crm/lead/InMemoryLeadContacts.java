package dev.tenantcore.command.crm.lead;

import dev.tenantcore.api.crm.Consent;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.CreateContactCommand;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link LeadContacts} on maps: the contacts that exist by email and phone, and the creations asked for. */
final class InMemoryLeadContacts implements LeadContacts {

    private final Map<String, ContactId> byEmail = new HashMap<>();
    private final Map<String, ContactId> byPhone = new HashMap<>();
    final List<CreateContactCommand> created = new ArrayList<>();
    final Map<ContactId, List<Consent>> consentsAdded = new HashMap<>();

    @Override
    public Optional<ContactId> find(String email, String phone) {
        ContactId found = email == null ? null : byEmail.get(email);
        if (found == null && phone != null) {
            found = byPhone.get(phone);
        }
        return Optional.ofNullable(found);
    }

    @Override
    public void create(CreateContactCommand command) {
        created.add(command);
    }

    @Override
    public void addConsents(ContactId contact, List<Consent> consents) {
        consentsAdded.put(contact, consents);
    }

    void existing(ContactId contact, String email, String phone) {
        if (email != null) {
            byEmail.put(email, contact);
        }
        if (phone != null) {
            byPhone.put(phone, contact);
        }
    }
}
