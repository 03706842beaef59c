package dev.tenantcore.api.crm.segment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Saves a named filter of the tenant's contacts. */
public record CreateSegmentCommand(
        @TargetAggregateIdentifier SegmentId segmentId, String name, SegmentFilter filter) {}
