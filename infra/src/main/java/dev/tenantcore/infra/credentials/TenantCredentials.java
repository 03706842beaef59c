package dev.tenantcore.infra.credentials;

import java.util.Map;
import java.util.Optional;

/**
 * The current tenant's secrets, each under a scope (what it belongs to: {@code payments.stripe},
 * later a mail sender or a messaging channel) and a name within it. Values are encrypted before
 * they reach the database and never logged. Call inside a transaction that knows the tenant;
 * writes belong in the transaction of the command whose events say what changed.
 */
public interface TenantCredentials {

    /** Stores {@code secret}, replacing any value under the same scope and name. */
    void put(String scope, String name, String secret);

    /** Forgets the value; nothing happens when there is none. */
    void remove(String scope, String name);

    Optional<String> read(String scope, String name);

    /** Every value of the scope by name. */
    Map<String, String> readAll(String scope);
}
