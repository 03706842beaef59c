package dev.tenantcore.api.crm.lead;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Turns a qualified lead into a contact: an existing one with its email or phone, else a new one. Converting a converted lead again changes nothing. */
public record ConvertLeadCommand(
        @TargetAggregateIdentifier LeadId leadId,
        @TargetAggregateVersion Long expectedVersion) {}
