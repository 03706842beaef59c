package dev.tenantcore.api.media;

import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Changes a file's alternative texts (null keeps them) and where it is shown: a non-null
 * {@code attachment} moves it there, {@code detach} takes it off its entity.
 */
public record UpdateMediaCommand(
        @TargetAggregateIdentifier MediaId mediaId,
        @TargetAggregateVersion Long expectedVersion,
        Map<String, String> alt,
        MediaAttachment attachment,
        boolean detach) {}
