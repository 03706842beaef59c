package dev.tenantcore.api.crm.conversation;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Connects a channel. {@code accountId} is the provider's id of the sending account where it needs
 * one (WhatsApp's phone-number id); {@code secrets} go to the credential store, never to an event;
 * {@code settings} are the channel's other, non-secret settings where its kind has some (an email
 * channel's IMAP server and address), recorded in the event.
 */
public record ConnectChannelCommand(
        @TargetAggregateIdentifier ChannelId channelId,
        ChannelKind kind,
        String name,
        String accountId,
        Map<String, String> secrets,
        Map<String, String> settings) {

    /** A channel without settings of its own. */
    public ConnectChannelCommand(
            ChannelId channelId, ChannelKind kind, String name, String accountId, Map<String, String> secrets) {
        this(channelId, kind, name, accountId, secrets, null);
    }

    @Override
    public String toString() {
        return "ConnectChannelCommand[channelId=" + channelId + ", kind=" + kind + "]";
    }
}
