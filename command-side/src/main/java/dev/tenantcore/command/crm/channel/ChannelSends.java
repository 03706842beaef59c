package dev.tenantcore.command.crm.channel;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.conversation.OutboundMessageRequestedEvent;

/**
 * Queues an outbound message for its channel, in the transaction of the command that records it:
 * rolled back with it, run once it commits, never queued twice for one message id.
 */
public interface ChannelSends {

    void queue(TenantId tenant, OutboundMessageRequestedEvent message);
}
