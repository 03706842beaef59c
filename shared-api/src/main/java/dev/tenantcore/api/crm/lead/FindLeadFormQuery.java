package dev.tenantcore.api.crm.lead;

public record FindLeadFormQuery(LeadFormId formId) {}
