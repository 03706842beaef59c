package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;

/** One message of a conversation; {@code failureReason} is the channel's, when it failed. */
public record ConversationMessage(
        MessageId id,
        MessageDirection direction,
        MessageStatus status,
        String text,
        String mediaType,
        String mediaRef,
        String templateName,
        UserId authorId,
        String failureReason,
        Instant createdAt,
        Instant updatedAt) {}
