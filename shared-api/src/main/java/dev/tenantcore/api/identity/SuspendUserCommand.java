package dev.tenantcore.api.identity;

import dev.tenantcore.api.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The platform locks an account out, for a reason it must give; only the platform lifts it. */
public record SuspendUserCommand(
        @TargetAggregateIdentifier UserId userId,
        String reason,
        Role actorRole,
        @TargetAggregateVersion Long expectedVersion) {}
