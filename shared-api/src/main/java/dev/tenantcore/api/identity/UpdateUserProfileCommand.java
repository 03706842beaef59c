package dev.tenantcore.api.identity;

import dev.tenantcore.api.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** A user changes their own profile. */
public record UpdateUserProfileCommand(
        @TargetAggregateIdentifier UserId userId,
        String displayName,
        @TargetAggregateVersion Long expectedVersion) {}
