package dev.tenantcore.api.invoicing;

/** A line as invoiced, in minor units: {@code netMinor = quantity × unitPriceMinor}, negative on a credit note. */
public record InvoiceLine(
        String description, int quantity, long unitPriceMinor, int taxRateBasisPoints, long netMinor) {}
