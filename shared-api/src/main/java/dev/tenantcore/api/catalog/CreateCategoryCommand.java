package dev.tenantcore.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateCategoryCommand(
        @TargetAggregateIdentifier CategoryId categoryId,
        String name,
        String slug,
        CategoryId parentId,
        int position) {}
