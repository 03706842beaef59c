package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.PersonalData;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.ContactId;
import org.axonframework.serialization.Revision;

/** The first message of a channel user opened their conversation, linked to {@code contactId}. */
@Revision("1")
public record ConversationStartedEvent(
        ConversationId conversationId,
        TenantId tenantId,
        ChannelId channelId,
        ChannelKind kind,
        String channelUserId,

        @PersonalData(subject = DataSubject.CONTACT, id = "contactId")
        String userName,

        ContactId contactId) {}
