package dev.tenantcore.api.crm.lead;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Changes a form's definition; a {@code null} component keeps the current value, and a blank
 * consent text removes the consent. Leads already submitted keep what they were submitted with.
 */
public record UpdateLeadFormCommand(
        @TargetAggregateIdentifier LeadFormId formId,
        @TargetAggregateVersion Long expectedVersion,
        String name,
        List<LeadFormField> fields,
        List<LeadFormField> questions,
        String consentText) {}
