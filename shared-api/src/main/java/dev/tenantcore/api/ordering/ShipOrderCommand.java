package dev.tenantcore.api.ordering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record ShipOrderCommand(
        @TargetAggregateIdentifier OrderId orderId,
        @TargetAggregateVersion Long expectedVersion) {}
