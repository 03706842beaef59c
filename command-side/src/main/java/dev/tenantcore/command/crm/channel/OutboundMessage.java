package dev.tenantcore.command.crm.channel;

import dev.tenantcore.api.crm.conversation.MessageId;
import dev.tenantcore.api.crm.conversation.MessageTemplate;

/**
 * One message to send to {@code to} (the channel user id): text, a media URL captioned with the
 * text, or a template. Exactly one of {@code text}-only, {@code mediaUrl} and {@code template}
 * decides the kind of message. {@code statusCallback} is the channel's public webhook URL, for
 * providers that take it per message (Twilio's {@code StatusCallback}); null when it is not known.
 */
public record OutboundMessage(
        MessageId messageId, String to, String text, String mediaUrl, MessageTemplate template, String statusCallback) {

    public OutboundMessage(MessageId messageId, String to, String text, String mediaUrl, MessageTemplate template) {
        this(messageId, to, text, mediaUrl, template, null);
    }
}
