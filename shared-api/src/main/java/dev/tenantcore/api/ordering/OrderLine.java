package dev.tenantcore.api.ordering;

import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.common.Money;

/**
 * A line as ordered: the catalogue's name and unit price at the moment of ordering, the quantity
 * reserved. {@code discountMinor} is this line's share of the order's coupon discount, taken off
 * {@code lineTotalMinor} before the line is taxed.
 */
public record OrderLine(
        ProductId productId, String name, Money unitPrice, int quantity, long lineTotalMinor, long discountMinor) {

    /** A line without discount. */
    public OrderLine(ProductId productId, String name, Money unitPrice, int quantity, long lineTotalMinor) {
        this(productId, name, unitPrice, quantity, lineTotalMinor, 0);
    }

    /** What the line costs after its share of the discount, before tax. */
    public long netMinor() {
        return lineTotalMinor - discountMinor;
    }

    public OrderLine withDiscount(long discount) {
        return new OrderLine(productId, name, unitPrice, quantity, lineTotalMinor, discount);
    }
}
