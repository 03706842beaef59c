package dev.tenantcore.api.crm.lead;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Records that staff reached out to a new lead. */
public record MarkLeadContactedCommand(
        @TargetAggregateIdentifier LeadId leadId,
        @TargetAggregateVersion Long expectedVersion) {}
