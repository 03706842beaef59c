package dev.tenantcore.api.crm.conversation;

import java.util.Map;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * A channel's name, account id, secrets or settings changed; {@code secretsReplaced} names the
 * secrets only; {@code settings} are all of the channel's settings after the change (null: none, or
 * unchanged in events recorded before channels had settings).
 */
@Revision("1")
public record ChannelUpdatedEvent(
        ChannelId channelId, String name, String accountId, Set<String> secretsReplaced, Map<String, String> settings) {

    public ChannelUpdatedEvent(ChannelId channelId, String name, String accountId, Set<String> secretsReplaced) {
        this(channelId, name, accountId, secretsReplaced, null);
    }
}
