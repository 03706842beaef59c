package dev.tenantcore.api.identity;

import dev.tenantcore.api.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record DeactivateUserCommand(
        @TargetAggregateIdentifier UserId userId,
        Role actorRole,
        @TargetAggregateVersion Long expectedVersion) {}
