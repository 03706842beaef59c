package dev.tenantcore.api.media;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a file already written to storage. {@code attachment} may be null (not shown anywhere
 * yet); {@code alt} holds the alternative text per locale.
 */
public record UploadMediaCommand(
        @TargetAggregateIdentifier MediaId mediaId,
        StoredFile file,
        MediaAttachment attachment,
        Map<String, String> alt) {}
