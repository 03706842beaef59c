package dev.tenantcore.api.crm.lead;

import dev.tenantcore.api.common.TenantId;
import java.util.List;
import org.axonframework.serialization.Revision;

@Revision("1")
public record LeadFormCreatedEvent(
        LeadFormId formId,
        TenantId tenantId,
        String formKey,
        String name,
        List<LeadFormField> fields,
        List<LeadFormField> questions,
        String consentText) {}
