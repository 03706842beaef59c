package dev.tenantcore.api.ordering;

import dev.tenantcore.api.catalog.ProductId;

/** What the buyer asks for: a product and how many. Its price is never taken from the buyer. */
public record OrderLineRequest(ProductId productId, int quantity) {}
