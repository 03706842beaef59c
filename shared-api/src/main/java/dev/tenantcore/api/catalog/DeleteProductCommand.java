package dev.tenantcore.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record DeleteProductCommand(
        @TargetAggregateIdentifier ProductId productId,
        @TargetAggregateVersion Long expectedVersion) {}
