package dev.tenantcore.api.crm.lead;

/** The form a visitor fills in, by the key in its public address. */
public record FindLeadFormByKeyQuery(String formKey) {}
