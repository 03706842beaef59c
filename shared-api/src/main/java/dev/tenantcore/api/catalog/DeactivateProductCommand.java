package dev.tenantcore.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record DeactivateProductCommand(
        @TargetAggregateIdentifier ProductId productId,
        @TargetAggregateVersion Long expectedVersion) {}
