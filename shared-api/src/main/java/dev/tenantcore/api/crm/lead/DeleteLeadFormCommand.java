package dev.tenantcore.api.crm.lead;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Removes a form: its key answers 404 from then on and may be used again; its leads stay. */
public record DeleteLeadFormCommand(
        @TargetAggregateIdentifier LeadFormId formId,
        @TargetAggregateVersion Long expectedVersion) {}
