package dev.tenantcore.api.ordering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the money of a cancelled paid order was given back. */
public record MarkOrderRefundedCommand(
        @TargetAggregateIdentifier OrderId orderId) {}
