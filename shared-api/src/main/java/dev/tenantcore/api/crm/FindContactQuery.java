package dev.tenantcore.api.crm;

public record FindContactQuery(ContactId contactId) {}
