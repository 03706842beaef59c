package dev.tenantcore.api.catalog;

public record FindCategoryQuery(CategoryId categoryId) {}
