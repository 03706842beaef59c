package dev.tenantcore.api.catalog;

public record ListCategoriesQuery(Boolean active) {}
