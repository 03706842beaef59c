package dev.tenantcore.api.crm.lead;

import dev.tenantcore.api.common.UserId;
import org.axonframework.serialization.Revision;

/** A null owner: the lead was unassigned. */
@Revision("1")
public record LeadOwnerAssignedEvent(LeadId leadId, UserId ownerId) {}
