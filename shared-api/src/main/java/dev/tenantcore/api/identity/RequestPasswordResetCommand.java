package dev.tenantcore.api.identity;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Carries only the SHA-256 of the single-use reset token; the token itself goes to the user alone. */
public record RequestPasswordResetCommand(
        @TargetAggregateIdentifier UserId userId, String tokenHash, Instant expiresAt) {}
