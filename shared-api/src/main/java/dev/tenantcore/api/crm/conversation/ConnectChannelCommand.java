package dev.tenantcore.api.crm.conversation;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Connects a channel. {@code accountId} is the provider's id of the sending account where it needs
 * one (WhatsApp's phone-number id); {@code secrets} go to the credential store, never to an event.
 */
public record ConnectChannelCommand(
        @TargetAggregateIdentifier ChannelId channelId,
        ChannelKind kind,
        String name,
        String accountId,
        Map<String, String> secrets) {

    @Override
    public String toString() {
        return "ConnectChannelCommand[channelId=" + channelId + ", kind=" + kind + "]";
    }
}
