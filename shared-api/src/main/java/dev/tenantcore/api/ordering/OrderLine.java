package dev.tenantcore.api.ordering;

import dev.tenantcore.api.catalog.ProductId;
import dev.tenantcore.api.common.Money;

/** A line as ordered: the catalogue's name and unit price at the moment of ordering, the quantity reserved. */
public record OrderLine(ProductId productId, String name, Money unitPrice, int quantity, long lineTotalMinor) {}
