package dev.tenantcore.command.crm.channel;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.InboundMessageReceivedEvent;

/**
 * Queues the fetch of an inbound message's attachment into the tenant's media store, in the
 * transaction of the command that records the message: rolled back with it, run once it commits,
 * never queued twice for one message.
 */
public interface InboundMediaFetches {

    void queue(TenantId tenant, ChannelId channel, ChannelKind kind, InboundMessageReceivedEvent message);
}
