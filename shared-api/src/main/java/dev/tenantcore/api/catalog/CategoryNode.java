package dev.tenantcore.api.catalog;

import dev.tenantcore.api.media.MediaLink;
import java.util.List;

public record CategoryNode(
        CategoryId id,
        String name,
        String slug,
        int position,
        List<CategoryNode> children,
        /** The category's images, in their order. */
        List<MediaLink> images) {}
