package dev.tenantcore.api.catalog;

import dev.tenantcore.api.common.Money;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CreateProductCommand(
        @TargetAggregateIdentifier ProductId productId,
        String name,
        String slug,
        String description,
        ProductKind kind,
        Money price,
        int stock,
        CategoryId categoryId,
        boolean active,
        Map<String, String> metadata)
        implements ProductDetails {}
