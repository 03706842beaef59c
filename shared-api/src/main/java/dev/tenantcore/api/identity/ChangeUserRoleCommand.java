package dev.tenantcore.api.identity;

import dev.tenantcore.api.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** {@code actorRole} is the role of whoever asks: a manager may give no role but staff. */
public record ChangeUserRoleCommand(
        @TargetAggregateIdentifier UserId userId,
        Role role,
        Role actorRole,
        @TargetAggregateVersion Long expectedVersion) {}
