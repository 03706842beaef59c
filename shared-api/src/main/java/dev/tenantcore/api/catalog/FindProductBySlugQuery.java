package dev.tenantcore.api.catalog;

public record FindProductBySlugQuery(String slug, boolean storefront) {}
