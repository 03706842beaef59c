package dev.tenantcore.api.catalog;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import java.util.Map;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ProductCreatedEvent(
        ProductId productId,
        TenantId tenantId,
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
