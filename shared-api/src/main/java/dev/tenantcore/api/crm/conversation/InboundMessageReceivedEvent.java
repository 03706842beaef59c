package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.PersonalData;
import dev.tenantcore.api.crm.ContactId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A customer's message, recorded once. {@code text} is personal data of the conversation's contact
 * ({@code contactId}, null in events stored before messages named it: those texts stay in clear).
 */
@Revision("1")
public record InboundMessageReceivedEvent(
        ConversationId conversationId,
        MessageId messageId,
        String providerMessageId,

        @PersonalData(subject = DataSubject.CONTACT, id = "contactId")
        String text,

        String mediaType,
        String mediaRef,
        Instant sentAt,
        ContactId contactId) {}
