package dev.tenantcore.infra.security;

import java.util.Optional;
import java.util.UUID;

/**
 * Looks up API keys of the current tenant for authentication. Implemented by the API key read
 * model; runs inside the caller's tenant-scoped transaction, so another tenant's keys are
 * invisible and a key presented on another tenant's domain is simply unknown.
 */
public interface ApiKeyCredentials {

    Optional<ApiKeyCredential> bySecretHash(String secretHash);

    /** Notes that the key was used; may skip the write when the last note is recent. */
    void recordUse(UUID keyId);
}
