package dev.tenantcore.api.identity;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record UserRegisteredEvent(
        UserId userId, TenantId tenantId, String email, String passwordHash, String displayName, Role role) {}
