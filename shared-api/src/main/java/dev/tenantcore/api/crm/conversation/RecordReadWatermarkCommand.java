package dev.tenantcore.api.crm.conversation;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The customer has read every message we sent them before {@code watermark} (Messenger's read
 * receipt, which names no message). Each such message still sent or delivered becomes read; none
 * moves backwards.
 */
public record RecordReadWatermarkCommand(
        @TargetAggregateIdentifier ConversationId conversationId, Instant watermark) {}
