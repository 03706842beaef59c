package dev.tenantcore.api.crm;

import dev.tenantcore.api.common.UserId;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** A done task open again; {@code reopenedBy} is the staff user who reopened it. */
@Revision("1")
public record ContactTaskReopenedEvent(ContactId contactId, UUID taskId, UserId reopenedBy) {}
