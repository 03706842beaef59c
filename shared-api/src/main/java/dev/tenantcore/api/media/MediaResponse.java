package dev.tenantcore.api.media;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A stored file as staff read it; {@code url} is where storefronts load it (relative to the API). */
public record MediaResponse(
        MediaId id,
        String contentType,
        long sizeBytes,
        String sha256,
        Integer width,
        Integer height,
        String fileName,
        MediaEntityType entityType,
        UUID entityId,
        Integer position,
        Map<String, String> alt,
        String url,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
