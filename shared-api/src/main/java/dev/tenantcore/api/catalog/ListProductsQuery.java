package dev.tenantcore.api.catalog;

/**
 * One page of a tenant's products. {@code storefront} restricts the page to what anonymous
 * shoppers may see: active products. {@code cursor} is the opaque value of the previous page.
 */
public record ListProductsQuery(
        CategoryId categoryId, Boolean active, String text, boolean storefront, int limit, String cursor) {}
