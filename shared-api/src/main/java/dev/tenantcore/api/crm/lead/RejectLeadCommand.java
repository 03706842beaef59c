package dev.tenantcore.api.crm.lead;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Closes an open lead without converting it; the reason is optional. */
public record RejectLeadCommand(
        @TargetAggregateIdentifier LeadId leadId,
        @TargetAggregateVersion Long expectedVersion,
        String reason) {}
