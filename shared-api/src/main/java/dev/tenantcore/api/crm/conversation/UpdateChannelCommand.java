package dev.tenantcore.api.crm.conversation;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Renames a channel and/or replaces its account id, secrets or settings; a null keeps what it had.
 * Settings given are merged into the channel's: a setting left out keeps its value.
 */
public record UpdateChannelCommand(
        @TargetAggregateIdentifier ChannelId channelId,
        @TargetAggregateVersion Long expectedVersion,
        String name,
        String accountId,
        Map<String, String> secrets,
        Map<String, String> settings) {

    /** A change that leaves the settings as they are. */
    public UpdateChannelCommand(
            ChannelId channelId, Long expectedVersion, String name, String accountId, Map<String, String> secrets) {
        this(channelId, expectedVersion, name, accountId, secrets, null);
    }

    @Override
    public String toString() {
        return "UpdateChannelCommand[channelId=" + channelId + "]";
    }
}
