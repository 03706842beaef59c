package dev.tenantcore.api.catalog;

import dev.tenantcore.api.media.MediaLink;
import java.time.Instant;
import java.util.List;

public record CategoryResponse(
        CategoryId id,
        String name,
        String slug,
        CategoryId parentId,
        int position,
        boolean active,
        long version,
        Instant createdAt,
        /** The images shown on the category, in their order (see the media context). */
        List<MediaLink> images) {}
