package dev.tenantcore.api.ordering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Cancels an order only while it is still pending, as a tenant's policy does after a failed
 * payment; an order paid or ended meanwhile stays as it is, so the sender needs no fresh view of it.
 */
public record CancelPendingOrderCommand(
        @TargetAggregateIdentifier OrderId orderId, String reason) {}
