package dev.tenantcore.api.crm.conversation;

import java.util.Set;
import org.axonframework.serialization.Revision;

/** A channel's name, account id or secrets changed; {@code secretsReplaced} names the secrets only. */
@Revision("1")
public record ChannelUpdatedEvent(ChannelId channelId, String name, String accountId, Set<String> secretsReplaced) {}
