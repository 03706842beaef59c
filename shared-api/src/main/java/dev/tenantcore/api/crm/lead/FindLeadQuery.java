package dev.tenantcore.api.crm.lead;

public record FindLeadQuery(LeadId leadId) {}
