package dev.tenantcore.api.crm.lead;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Defines a public form under {@code formKey}, unique within the tenant. A blank consent text asks for none. */
public record CreateLeadFormCommand(
        @TargetAggregateIdentifier LeadFormId formId,
        String formKey,
        String name,
        List<LeadFormField> fields,
        List<LeadFormField> questions,
        String consentText) {}
