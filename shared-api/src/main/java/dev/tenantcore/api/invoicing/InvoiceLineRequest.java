package dev.tenantcore.api.invoicing;

/** A line as asked for: the amounts are computed by the invoice. */
public record InvoiceLineRequest(String description, int quantity, long unitPriceMinor, int taxRateBasisPoints) {}
