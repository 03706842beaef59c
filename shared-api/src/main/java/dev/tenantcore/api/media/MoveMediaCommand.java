package dev.tenantcore.api.media;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Puts a file at {@code position} among the files of the entity it is attached to; refused when it
 * is not attached to that entity, so a reorder cannot move a file onto another entity by mistake.
 */
public record MoveMediaCommand(
        @TargetAggregateIdentifier MediaId mediaId, MediaEntityType entityType, UUID entityId, int position) {}
