package dev.tenantcore.api.invoicing;

/**
 * A line as asked for: the amounts are computed by the invoice. {@code discountMinor} is taken off
 * the line's amount before it is taxed (an order's coupon discount, spread over its lines).
 */
public record InvoiceLineRequest(
        String description, int quantity, long unitPriceMinor, int taxRateBasisPoints, long discountMinor) {

    /** A line without discount. */
    public InvoiceLineRequest(String description, int quantity, long unitPriceMinor, int taxRateBasisPoints) {
        this(description, quantity, unitPriceMinor, taxRateBasisPoints, 0);
    }
}
