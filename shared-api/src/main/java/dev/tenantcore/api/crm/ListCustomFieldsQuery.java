package dev.tenantcore.api.crm;

public record ListCustomFieldsQuery() {}
