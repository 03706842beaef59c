package dev.tenantcore.command.crm.channel;

import dev.tenantcore.api.crm.conversation.MessageId;
import dev.tenantcore.api.crm.conversation.MessageTemplate;

/**
 * One message to send to {@code to} (the channel user id): text, a media URL captioned with the
 * text, or a template. Exactly one of {@code text}-only, {@code mediaUrl} and {@code template}
 * decides the kind of message.
 */
public record OutboundMessage(MessageId messageId, String to, String text, String mediaUrl, MessageTemplate template) {}
