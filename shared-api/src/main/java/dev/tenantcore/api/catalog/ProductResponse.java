package dev.tenantcore.api.catalog;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.media.MediaLink;
import java.time.Instant;
import java.util.List;
import java.util.Map;

public record ProductResponse(
        ProductId id,
        String name,
        String slug,
        String description,
        ProductKind kind,
        Money price,
        int stock,
        CategoryId categoryId,
        boolean active,
        Map<String, String> metadata,
        long version,
        Instant createdAt,
        Instant updatedAt,
        /** The images shown on the product, in their order (see the media context). */
        List<MediaLink> images) {}
