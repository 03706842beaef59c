package dev.tenantcore.api.apikeys;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.identity.Role;
import java.time.Instant;
import java.util.Set;
import org.axonframework.serialization.Revision;

@Revision("1")
public record ApiKeyCreatedEvent(
        ApiKeyId apiKeyId,
        TenantId tenantId,
        String name,
        String prefix,
        String secretHash,
        Set<Role> roles,
        Instant expiresAt) {}
