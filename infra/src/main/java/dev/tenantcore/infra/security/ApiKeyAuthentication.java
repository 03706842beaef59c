package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.Role;
import java.util.Set;
import java.util.UUID;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * A request authenticated by an API key: it acts inside the key's tenant with the key's roles, and
 * the key id stands as the acting user in every message the request sends. Holds no secret.
 */
public final class ApiKeyAuthentication extends AbstractAuthenticationToken {

    private final UUID keyId;
    private final TenantId tenantId;
    private final String prefix;

    ApiKeyAuthentication(UUID keyId, TenantId tenantId, String prefix, Set<Role> roles) {
        super(roles.stream()
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
                .toList());
        this.keyId = keyId;
        this.tenantId = tenantId;
        this.prefix = prefix;
        setAuthenticated(true);
    }

    public UUID keyId() {
        return keyId;
    }

    public TenantId tenantId() {
        return tenantId;
    }

    /** The key's id as the user that its requests act as. */
    public UserId actingUser() {
        return new UserId(keyId);
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return prefix;
    }

    @Override
    public String getName() {
        return keyId.toString();
    }
}
