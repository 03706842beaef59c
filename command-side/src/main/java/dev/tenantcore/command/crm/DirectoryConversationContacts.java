package dev.tenantcore.command.crm;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.crm.ChannelHandle;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.CreateContactCommand;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

/**
 * {@link ConversationContacts} over the contacts' command-side directory and their create command,
 * which on the local command bus joins the inbound message's transaction.
 */
@Component
class DirectoryConversationContacts implements ConversationContacts {

    private final ContactDirectory directory;
    private final CommandGateway commands;

    DirectoryConversationContacts(ContactDirectory directory, CommandGateway commands) {
        this.directory = directory;
        this.commands = commands;
    }

    @Override
    public ContactId contactFor(ChannelKind kind, String channelUserId, String name) {
        ChannelHandle handle = new ChannelHandle(kind.wireName(), channelUserId);
        String phone = kind == ChannelKind.WHATSAPP && channelUserId.matches("\\d{6,15}")
                ? "+" + channelUserId
                : kind == ChannelKind.SMS && channelUserId.matches("\\+\\d{6,15}") ? channelUserId : null;
        // An email channel's user id is the customer's address (lower case, checked by the driver).
        String email = kind == ChannelKind.EMAIL && validEmail(channelUserId) ? channelUserId : null;
        Optional<ContactId> found = directory.byChannelHandle(handle);
        if (found.isEmpty() && phone != null) {
            found = byPhone(phone);
        }
        if (found.isEmpty() && email != null) {
            found = directory.byEmail(email);
        }
        if (found.isPresent()) {
            return found.get();
        }
        ContactId created = ContactId.random();
        commands.sendAndWait(new CreateContactCommand(
                created,
                name,
                null,
                email != null ? List.of(email) : List.of(),
                phone != null && valid(phone) ? List.of(phone) : List.of(),
                null,
                null,
                null,
                null,
                kind.wireName(),
                List.of(),
                List.of(),
                null,
                null,
                List.of(handle)));
        return created;
    }

    private Optional<ContactId> byPhone(String phone) {
        try {
            return directory.byPhone(phone, null);
        } catch (DomainException e) {
            return Optional.empty();
        }
    }

    private static boolean validEmail(String email) {
        try {
            ContactKeys.email(email);
            return true;
        } catch (DomainException e) {
            return false;
        }
    }

    private static boolean valid(String phone) {
        try {
            ContactKeys.phone(phone, null);
            return true;
        } catch (DomainException e) {
            return false;
        }
    }
}
