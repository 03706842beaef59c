package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.time.Instant;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Authenticates {@code tck_} bearer credentials against the stored key hashes of the request's
 * tenant. Looked up on every request, so a revocation or expiry holds from the very next request
 * on every node, with no cache to go stale. Unknown, malformed, revoked and expired keys, and keys
 * of another tenant, all fail alike.
 */
@Component
public class ApiKeyAuthenticator {

    private final ApiKeyCredentials keys;
    private final TransactionTemplate tx;

    ApiKeyAuthenticator(ApiKeyCredentials keys, PlatformTransactionManager transactionManager) {
        this.keys = keys;
        this.tx = new TransactionTemplate(transactionManager);
    }

    /**
     * Deliberately not an {@code AuthenticationProvider} bean: Spring Security would install one
     * as the application-wide default, and only the bearer-token path may reach this.
     */
    public Authentication authenticate(BearerTokenAuthenticationToken authentication) {
        String secret = authentication.getToken();
        Optional<String> prefix = ApiKeySecrets.prefixOf(secret);
        TenantId requestTenant = TenantContext.current().orElse(TenantId.PLATFORM);
        if (prefix.isEmpty() || requestTenant.isPlatform()) {
            throw invalid();
        }
        // Runs under the request's tenant: row-level security hides every other tenant's keys.
        ApiKeyCredential key = tx.execute(status -> {
            Optional<ApiKeyCredential> found = keys.bySecretHash(ApiKeySecrets.hash(secret))
                    .filter(k -> k.prefix().equals(prefix.get()) && k.tenantId().equals(requestTenant))
                    .filter(k -> k.usableAt(Instant.now()));
            found.ifPresent(k -> keys.recordUse(k.keyId()));
            return found.orElse(null);
        });
        if (key == null) {
            throw invalid();
        }
        ApiKeyAuthentication result = new ApiKeyAuthentication(key.keyId(), key.tenantId(), key.prefix(), key.roles());
        result.setDetails(authentication.getDetails());
        return result;
    }

    private static InvalidBearerTokenException invalid() {
        return new InvalidBearerTokenException("The API key is not valid.");
    }
}
