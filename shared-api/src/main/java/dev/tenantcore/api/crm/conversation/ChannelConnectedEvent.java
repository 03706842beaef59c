package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.util.Map;
import java.util.Set;
import org.axonframework.serialization.Revision;

/**
 * A channel was connected; {@code secretsSet} names the secrets stored, never their values. {@code
 * settings}: the kind's non-secret settings (an email channel's IMAP server), null where it has none.
 */
@Revision("1")
public record ChannelConnectedEvent(
        ChannelId channelId,
        TenantId tenantId,
        ChannelKind kind,
        String name,
        String accountId,
        Set<String> secretsSet,
        UserId connectedBy,
        Map<String, String> settings) {

    public ChannelConnectedEvent(
            ChannelId channelId,
            TenantId tenantId,
            ChannelKind kind,
            String name,
            String accountId,
            Set<String> secretsSet,
            UserId connectedBy) {
        this(channelId, tenantId, kind, name, accountId, secretsSet, connectedBy, null);
    }
}
