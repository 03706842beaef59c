package dev.tenantcore.api.crm.segment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record DeleteSegmentCommand(
        @TargetAggregateIdentifier SegmentId segmentId,
        @TargetAggregateVersion Long expectedVersion) {}
