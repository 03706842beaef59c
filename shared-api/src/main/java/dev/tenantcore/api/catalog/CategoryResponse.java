package dev.tenantcore.api.catalog;

import java.time.Instant;

public record CategoryResponse(
        CategoryId id,
        String name,
        String slug,
        CategoryId parentId,
        int position,
        boolean active,
        long version,
        Instant createdAt) {}
