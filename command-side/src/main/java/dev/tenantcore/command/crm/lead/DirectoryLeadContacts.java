package dev.tenantcore.command.crm.lead;

import dev.tenantcore.api.crm.AddContactConsentsCommand;
import dev.tenantcore.api.crm.Consent;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.CreateContactCommand;
import dev.tenantcore.command.crm.ContactDirectory;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@link LeadContacts} over the contacts' own command-side directory and their create command. The
 * command is sent from inside the convert command: on the local command bus it runs at once, in the
 * same thread and joining the same transaction, so the lead never points at a contact that failed.
 */
@Component
class DirectoryLeadContacts implements LeadContacts {

    private static final Logger log = LoggerFactory.getLogger(DirectoryLeadContacts.class);

    private final ContactDirectory directory;
    private final CommandGateway commands;

    DirectoryLeadContacts(ContactDirectory directory, CommandGateway commands) {
        this.directory = directory;
        this.commands = commands;
    }

    @Override
    public Optional<ContactId> find(String email, String phone) {
        Optional<ContactId> byEmail = email == null ? Optional.empty() : directory.byEmail(email);
        return byEmail.isPresent() || phone == null ? byEmail : directory.byPhone(phone, null);
    }

    @Override
    public void create(CreateContactCommand command) {
        commands.sendAndWait(command);
    }

    @Override
    public void addConsents(ContactId contact, List<Consent> consents) {
        try {
            commands.sendAndWait(new AddContactConsentsCommand(contact, consents));
        } catch (AggregateNotFoundException e) {
            // A key in the directory with no contact history behind it links as before and gets no
            // consent: consent is added to a contact, never to one that does not exist.
            log.warn("contact {} holds a key but has no history; its consent was not added", contact);
        }
    }
}
