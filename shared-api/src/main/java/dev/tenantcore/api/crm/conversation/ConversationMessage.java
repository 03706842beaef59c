package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.media.MediaId;
import java.time.Instant;

/**
 * One message of a conversation; {@code failureReason} is the channel's, when it failed. An inbound
 * attachment is first named by the provider ({@code mediaRef}, {@code mediaState} {@code pending});
 * once fetched it is the tenant's media item {@code mediaId} ({@code stored}, downloaded at {@code
 * mediaUrl}), or {@code too_large}/{@code unavailable} with {@code mediaReason}.
 */
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
        Instant updatedAt,
        MediaId mediaId,
        String mediaState,
        String mediaReason,
        String mediaUrl) {}
