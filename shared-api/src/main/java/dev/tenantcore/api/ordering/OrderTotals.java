package dev.tenantcore.api.ordering;

/**
 * All amounts in minor units of one currency: {@code total = subtotal - discount + tax + shipping},
 * with tax charged on the discounted subtotal at the tenant's rate when the order was placed.
 */
public record OrderTotals(
        String currency,
        long subtotalMinor,
        long discountMinor,
        int taxRateBasisPoints,
        long taxMinor,
        long shippingMinor,
        long totalMinor) {}
