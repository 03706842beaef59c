package dev.tenantcore.api.media;

import dev.tenantcore.api.common.TenantId;
import org.axonframework.serialization.Revision;

/**
 * The file is gone for the tenant. Its stored objects (the original and every variant under
 * {@code storageKey}'s folder) are removed once this event is committed, never before.
 */
@Revision("1")
public record MediaDeletedEvent(MediaId mediaId, TenantId tenantId, String storageKey, long sizeBytes) {}
