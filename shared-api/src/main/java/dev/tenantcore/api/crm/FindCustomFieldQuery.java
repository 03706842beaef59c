package dev.tenantcore.api.crm;

public record FindCustomFieldQuery(CustomFieldId customFieldId) {}
