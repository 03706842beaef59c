package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.PersonalData;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactId;
import org.axonframework.serialization.Revision;

/**
 * Staff's note on the conversation. Its {@code text} is about the conversation's contact and is
 * their personal data ({@code contactId}; null in older events, whose texts stay in clear).
 */
@Revision("1")
public record PrivateNoteAddedEvent(
        ConversationId conversationId,
        MessageId messageId,

        @PersonalData(subject = DataSubject.CONTACT, id = "contactId")
        String text,

        UserId authorId,
        ContactId contactId) {}
