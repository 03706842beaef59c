package dev.tenantcore.api.crm.lead;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Records that a contacted lead is a real prospect. */
public record QualifyLeadCommand(
        @TargetAggregateIdentifier LeadId leadId,
        @TargetAggregateVersion Long expectedVersion) {}
