package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.UserId;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A task done; {@code completedBy} is the staff user who marked it (null for a process). */
@Revision("1")
public record ContactTaskCompletedEvent(ContactId contactId, UUID taskId, UserId completedBy) {}
