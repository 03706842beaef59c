package dev.tenantcore.api.crm.conversation;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Renames a channel and/or replaces its account id or secrets; a null keeps what it had. */
public record UpdateChannelCommand(
        @TargetAggregateIdentifier ChannelId channelId,
        @TargetAggregateVersion Long expectedVersion,
        String name,
        String accountId,
        Map<String, String> secrets) {

    @Override
    public String toString() {
        return "UpdateChannelCommand[channelId=" + channelId + "]";
    }
}
