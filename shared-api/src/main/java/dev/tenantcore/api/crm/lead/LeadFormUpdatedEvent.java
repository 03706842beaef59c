package dev.tenantcore.api.crm.lead;

import java.util.List;
import org.axonframework.serialization.Revision;

/** The form's whole definition after the change. */
@Revision("1")
public record LeadFormUpdatedEvent(
        LeadFormId formId,
        String name,
        List<LeadFormField> fields,
        List<LeadFormField> questions,
        String consentText) {}
