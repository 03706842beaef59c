package dev.tenantcore.api.crm.lead;

import dev.tenantcore.api.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Makes a staff user the lead's owner; a null owner leaves it unassigned. */
public record AssignLeadCommand(
        @TargetAggregateIdentifier LeadId leadId,
        @TargetAggregateVersion Long expectedVersion,
        UserId ownerId) {}
