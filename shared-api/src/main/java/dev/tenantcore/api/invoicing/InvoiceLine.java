package dev.tenantcore.api.invoicing;

/**
 * A line as invoiced, in minor units: {@code netMinor = quantity × unitPriceMinor − discountMinor},
 * the discount being the line's share of its order's coupon discount; negative on a credit note.
 */
public record InvoiceLine(
        String description,
        int quantity,
        long unitPriceMinor,
        int taxRateBasisPoints,
        long netMinor,
        long discountMinor) {

    /** A line without discount. */
    public InvoiceLine(String description, int quantity, long unitPriceMinor, int taxRateBasisPoints, long netMinor) {
        this(description, quantity, unitPriceMinor, taxRateBasisPoints, netMinor, 0);
    }
}
