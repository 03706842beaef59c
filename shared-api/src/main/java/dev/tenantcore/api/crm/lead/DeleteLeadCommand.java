package dev.tenantcore.api.crm.lead;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Removes a lead, for example spam that passed the honeypot. */
public record DeleteLeadCommand(
        @TargetAggregateIdentifier LeadId leadId,
        @TargetAggregateVersion Long expectedVersion) {}
