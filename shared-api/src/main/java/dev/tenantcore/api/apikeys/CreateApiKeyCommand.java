package dev.tenantcore.api.apikeys;

import dev.tenantcore.api.identity.Role;
import java.time.Instant;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** {@code secretHash} is the SHA-256 of the secret, which the caller shows once and forgets. */
public record CreateApiKeyCommand(
        @TargetAggregateIdentifier ApiKeyId apiKeyId,
        String name,
        String prefix,
        String secretHash,
        Set<Role> roles,
        Instant expiresAt) {}
