package dev.tenantcore.command.crm.channel;

import dev.tenantcore.api.crm.conversation.MessageStatus;
import java.time.Instant;
import java.util.List;

/**
 * What one verified delivery says, in no provider's terms. {@code deliveryId} is stable across the
 * provider's redeliveries of it (Telegram's {@code update_id}, a hash of Meta's body), so the webhook
 * inbox handles it once; each message is recorded once by its own id as well.
 */
public record InboundDelivery(
        String deliveryId, List<Message> messages, List<StatusUpdate> statuses, List<ReadWatermark> watermarks) {

    public InboundDelivery {
        messages = List.copyOf(messages);
        statuses = List.copyOf(statuses);
        watermarks = List.copyOf(watermarks);
    }

    public InboundDelivery(String deliveryId, List<Message> messages, List<StatusUpdate> statuses) {
        this(deliveryId, messages, statuses, List.of());
    }

    /**
     * Messenger's read receipt: the customer has read everything we sent them before {@code
     * watermark} (it names no message).
     */
    public record ReadWatermark(String channelUserId, Instant watermark) {}

    /**
     * A customer's message: {@code channelUserId} is whom to answer (a Telegram chat id, a WhatsApp
     * number); {@code mediaType}/{@code mediaRef} name an attachment by the provider's own id.
     */
    public record Message(
            String providerMessageId,
            String channelUserId,
            String userName,
            String text,
            String mediaType,
            String mediaRef,
            Instant sentAt) {}

    /** What became of a message we sent, named by the provider's id; {@code reason} explains a failure. */
    public record StatusUpdate(
            String providerMessageId, String channelUserId, MessageStatus status, String reason, Instant at) {}
}
