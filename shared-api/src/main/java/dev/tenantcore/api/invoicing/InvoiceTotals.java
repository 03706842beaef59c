package dev.tenantcore.api.invoicing;

/**
 * In minor units of one currency: {@code total = net + tax}, tax charged per rate on the sum of that
 * rate's lines and rounded half up. All negative on a credit note.
 */
public record InvoiceTotals(String currency, long netMinor, long taxMinor, long totalMinor) {}
