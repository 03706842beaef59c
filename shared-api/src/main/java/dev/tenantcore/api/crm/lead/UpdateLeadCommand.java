package dev.tenantcore.api.crm.lead;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Corrects a lead's contact details; a null component keeps the current value, a blank one clears it. */
public record UpdateLeadCommand(
        @TargetAggregateIdentifier LeadId leadId,
        @TargetAggregateVersion Long expectedVersion,
        String name,
        String email,
        String phone,
        String message) {}
