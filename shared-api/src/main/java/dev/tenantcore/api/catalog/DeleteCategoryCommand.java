package dev.tenantcore.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record DeleteCategoryCommand(
        @TargetAggregateIdentifier CategoryId categoryId,
        @TargetAggregateVersion Long expectedVersion) {}
