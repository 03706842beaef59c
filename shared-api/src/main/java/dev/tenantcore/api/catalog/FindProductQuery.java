package dev.tenantcore.api.catalog;

public record FindProductQuery(ProductId productId, boolean storefront) {}
