package dev.tenantcore.api.media;

import java.util.UUID;

/**
 * One page of a tenant's files, newest first; given an entity, that entity's files in their
 * order. {@code cursor} is the opaque value of the previous page.
 */
public record ListMediaQuery(MediaEntityType entityType, UUID entityId, int limit, String cursor) {}
