package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** A channel was connected; {@code secretsSet} names the secrets stored, never their values. */
@Revision("1")
public record ChannelConnectedEvent(
        ChannelId channelId,
        TenantId tenantId,
        ChannelKind kind,
        String name,
        String accountId,
        Set<String> secretsSet,
        UserId connectedBy) {}
