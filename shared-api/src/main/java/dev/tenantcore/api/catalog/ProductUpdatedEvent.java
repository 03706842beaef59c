package dev.tenantcore.api.catalog;

import dev.tenantcore.api.common.Money;
import java.util.Map;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ProductUpdatedEvent(
        ProductId productId,
        String name,
        String slug,
        String description,
        ProductKind kind,
        Money price,
        int stock,
        CategoryId categoryId,
        Map<String, String> metadata)
        implements ProductDetails {}
