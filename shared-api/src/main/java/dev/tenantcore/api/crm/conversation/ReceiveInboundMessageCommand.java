package dev.tenantcore.api.crm.conversation;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a customer's message delivered by a channel, starting the conversation on the first one.
 * The same {@code providerMessageId} is recorded once. {@code mediaType} and {@code mediaRef} (the
 * provider's id of an attachment) may be null.
 */
public record ReceiveInboundMessageCommand(
        @TargetAggregateIdentifier ConversationId conversationId,
        ChannelId channelId,
        ChannelKind kind,
        String channelUserId,
        String userName,
        String providerMessageId,
        String text,
        String mediaType,
        String mediaRef,
        Instant sentAt) {}
