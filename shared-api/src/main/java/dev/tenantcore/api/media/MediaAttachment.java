package dev.tenantcore.api.media;

import java.util.UUID;

/** Where a file is shown: on which entity, and at which place among that entity's files (0 first). */
public record MediaAttachment(MediaEntityType entityType, UUID entityId, int position) {}
