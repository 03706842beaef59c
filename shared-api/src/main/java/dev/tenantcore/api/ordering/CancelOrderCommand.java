package dev.tenantcore.api.ordering;

import dev.tenantcore.api.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Cancels an order. {@code customer} is set when a customer asks for their own order (and null
 * when staff do): the order then behaves as missing for anyone but its customer.
 */
public record CancelOrderCommand(
        @TargetAggregateIdentifier OrderId orderId,
        @TargetAggregateVersion Long expectedVersion,
        UserId customer,
        String reason) {}
