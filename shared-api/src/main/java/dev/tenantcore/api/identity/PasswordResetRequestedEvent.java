package dev.tenantcore.api.identity;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** Only a SHA-256 of the token is recorded, so the event history cannot be used to reset anyone's password. */
@Revision("1")
public record PasswordResetRequestedEvent(UserId userId, String tokenHash, Instant expiresAt) {}
