package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.UserId;
import java.util.Optional;

/**
 * Looks up accounts of the current tenant for sign-in. Implemented by the identity read model;
 * runs inside the caller's tenant-scoped transaction, so another tenant's accounts are invisible.
 */
public interface UserCredentials {

    Optional<Credentials> byEmail(String email);

    Optional<Credentials> byId(UserId userId);
}
