package dev.tenantcore.api.identity;

import dev.tenantcore.api.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The platform lifts its suspension; whatever the tenant decided (deactivation) stands. */
public record ReinstateUserCommand(
        @TargetAggregateIdentifier UserId userId,
        Role actorRole,
        @TargetAggregateVersion Long expectedVersion) {}
