package dev.tenantcore.api.identity;

import dev.tenantcore.api.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RegisterUserCommand(
        @TargetAggregateIdentifier UserId userId, String email, String passwordHash, String displayName, Role role) {}
