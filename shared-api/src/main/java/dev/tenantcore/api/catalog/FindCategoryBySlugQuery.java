package dev.tenantcore.api.catalog;

public record FindCategoryBySlugQuery(String slug) {}
