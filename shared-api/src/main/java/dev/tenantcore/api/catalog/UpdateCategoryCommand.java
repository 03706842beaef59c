package dev.tenantcore.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record UpdateCategoryCommand(
        @TargetAggregateIdentifier CategoryId categoryId,
        @TargetAggregateVersion Long expectedVersion,
        String name,
        String slug,
        Integer position) {}
