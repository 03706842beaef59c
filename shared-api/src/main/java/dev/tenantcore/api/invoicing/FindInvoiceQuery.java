package dev.tenantcore.api.invoicing;

public record FindInvoiceQuery(InvoiceId invoiceId) {}
