package dev.tenantcore.api.identity;

import dev.tenantcore.api.common.UserId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A user changes their own password, proving it with the current one. The current password is
 * checked against the stored hash and never recorded; {@link #toString()} leaves it out so that no
 * log line can carry it.
 */
public record ChangeUserPasswordCommand(
        @TargetAggregateIdentifier UserId userId, String currentPassword, String newPasswordHash) {

    @Override
    public String toString() {
        return "ChangeUserPasswordCommand[userId=" + userId + "]";
    }
}
