package dev.tenantcore.api.ordering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a pending order whose payment window closed; an order that moved on meanwhile stays as it is. */
public record ExpireOrderCommand(@TargetAggregateIdentifier OrderId orderId) {}
