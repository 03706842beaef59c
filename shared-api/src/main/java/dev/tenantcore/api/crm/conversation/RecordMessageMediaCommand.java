package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.media.MediaId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * What became of an inbound message's attachment once it was fetched from the provider: stored as
 * media item {@code mediaId} of the tenant, or not ({@code mediaId} null, {@code state} {@code
 * too_large} or {@code unavailable}, {@code reason} saying why). Recorded once per message; a repeat
 * changes nothing.
 */
public record RecordMessageMediaCommand(
        @TargetAggregateIdentifier ConversationId conversationId,
        MessageId messageId,
        MediaId mediaId,
        String state,
        String reason) {}
