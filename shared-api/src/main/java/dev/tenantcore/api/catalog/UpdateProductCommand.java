package dev.tenantcore.api.catalog;

import dev.tenantcore.api.common.Money;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Changes some details of a product; a {@code null} component keeps the current value.
 * {@code clearCategory} removes the product from its category.
 */
public record UpdateProductCommand(
        @TargetAggregateIdentifier ProductId productId,
        @TargetAggregateVersion Long expectedVersion,
        String name,
        String slug,
        String description,
        ProductKind kind,
        Money price,
        Integer stock,
        CategoryId categoryId,
        boolean clearCategory,
        Map<String, String> metadata) {}
