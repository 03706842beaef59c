package dev.tenantcore.api.identity;

import dev.tenantcore.api.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ConfirmPasswordResetCommand(
        @TargetAggregateIdentifier UserId userId, String tokenHash, String newPasswordHash) {}
