package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.PersonalData;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactId;
import org.axonframework.serialization.Revision;

/**
 * Staff asked for a message to be sent; it is pending until the channel answers. {@code text} is
 * personal data of the conversation's contact ({@code contactId}; null in older events, whose texts
 * stay in clear).
 */
@Revision("1")
public record OutboundMessageRequestedEvent(
        ConversationId conversationId,
        MessageId messageId,
        ChannelId channelId,
        ChannelKind kind,
        String channelUserId,

        @PersonalData(subject = DataSubject.CONTACT, id = "contactId")
        String text,

        String mediaUrl,
        MessageTemplate template,
        UserId authorId,
        ContactId contactId) {}
