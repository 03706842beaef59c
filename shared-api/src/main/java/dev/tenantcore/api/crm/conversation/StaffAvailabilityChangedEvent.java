package dev.tenantcore.api.crm.conversation;

import dev.tenantcore.api.common.UserId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record StaffAvailabilityChangedEvent(InboxId inboxId, UserId userId, boolean available) {}
