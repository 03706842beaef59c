package dev.tenantcore.api.crm.lead;

import org.axonframework.serialization.Revision;

@Revision("1")
public record LeadFormDeletedEvent(LeadFormId formId, String formKey) {}
