package dev.tenantcore.api.media;

import dev.tenantcore.api.common.TenantId;
import java.util.Map;
import org.axonframework.serialization.Revision;

@Revision("1")
public record MediaUploadedEvent(
        MediaId mediaId, TenantId tenantId, StoredFile file, MediaAttachment attachment, Map<String, String> alt) {}
