package dev.tenantcore.api.ordering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record DeliverOrderCommand(
        @TargetAggregateIdentifier OrderId orderId,
        @TargetAggregateVersion Long expectedVersion) {}
