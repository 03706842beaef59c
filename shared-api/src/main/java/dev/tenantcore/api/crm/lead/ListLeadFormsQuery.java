package dev.tenantcore.api.crm.lead;

public record ListLeadFormsQuery(int limit, String cursor) {}
