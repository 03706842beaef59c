package dev.tenantcore.api.crm.segment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Renames a segment and/or replaces its filter; a null keeps what it had. */
public record UpdateSegmentCommand(
        @TargetAggregateIdentifier SegmentId segmentId,
        @TargetAggregateVersion Long expectedVersion,
        String name,
        SegmentFilter filter) {}
