package dev.tenantcore.command.crm;

import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.conversation.ChannelKind;

/**
 * The contact a new conversation belongs to: the tenant's contact with the channel handle (for
 * WhatsApp also the phone number), else one created through the contacts' own command, so the CRM's
 * dedupe decides. Runs in the inbound message's transaction.
 */
public interface ConversationContacts {

    ContactId contactFor(ChannelKind kind, String channelUserId, String name);
}
