package dev.tenantcore.infra.credentials;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** {@link TenantCredentials} in {@code tenant_credentials}, under row-level security. */
@Component
class JdbcTenantCredentials implements TenantCredentials {

    /** Dots, dashes and underscores only: the associated data separates the parts with a newline. */
    private static final Pattern SCOPE = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,63}$");

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");

    private final JdbcTemplate jdbc;
    private final CredentialKeys keys;

    JdbcTenantCredentials(JdbcTemplate jdbc, CredentialKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    @Override
    public void put(String scope, String name, String secret) {
        check(scope, name);
        CredentialCipher.Sealed sealed = keys.cipher().seal(tenant(), scope, name, secret);
        jdbc.update("""
                INSERT INTO tenant_credentials (tenant_id, scope, name, key_id, ciphertext, updated_at)
                VALUES (app_current_tenant(), ?, ?, ?, ?, now())
                ON CONFLICT (tenant_id, scope, name) DO UPDATE SET
                       key_id = EXCLUDED.key_id, ciphertext = EXCLUDED.ciphertext, updated_at = EXCLUDED.updated_at
                """, scope, name, sealed.keyId(), sealed.ciphertext());
    }

    @Override
    public void remove(String scope, String name) {
        check(scope, name);
        jdbc.update("DELETE FROM tenant_credentials WHERE scope = ? AND name = ?", scope, name);
    }

    @Override
    public Optional<String> read(String scope, String name) {
        return Optional.ofNullable(readAll(scope).get(name));
    }

    @Override
    public Map<String, String> readAll(String scope) {
        check(scope, "scope");
        TenantId tenant = tenant();
        Map<String, String> values = new TreeMap<>();
        jdbc.query(
                "SELECT name, key_id, ciphertext FROM tenant_credentials WHERE scope = ?",
                rs -> {
                    String name = rs.getString("name");
                    values.put(
                            name,
                            keys.cipher()
                                    .open(
                                            tenant,
                                            scope,
                                            name,
                                            new CredentialCipher.Sealed(
                                                    rs.getString("key_id"), rs.getBytes("ciphertext"))));
                },
                scope);
        return values;
    }

    /**
     * Re-encrypts the current tenant's values that another key encrypted under the active key, and
     * answers how many it moved, in one transaction of its own unless called inside one. A value
     * that no longer reads stops the sweep with its error.
     */
    @Transactional
    public int reEncrypt() {
        CredentialCipher cipher = keys.cipher();
        TenantId tenant = tenant();
        record Row(String scope, String name, String keyId, byte[] ciphertext) {}
        var stale = jdbc.query(
                "SELECT scope, name, key_id, ciphertext FROM tenant_credentials WHERE key_id <> ? FOR UPDATE",
                (rs, i) -> new Row(
                        rs.getString("scope"), rs.getString("name"), rs.getString("key_id"), rs.getBytes("ciphertext")),
                cipher.activeKeyId());
        for (Row row : stale) {
            String plain = cipher.open(
                    tenant, row.scope(), row.name(), new CredentialCipher.Sealed(row.keyId(), row.ciphertext()));
            CredentialCipher.Sealed sealed = cipher.seal(tenant, row.scope(), row.name(), plain);
            jdbc.update(
                    "UPDATE tenant_credentials SET key_id = ?, ciphertext = ? WHERE scope = ? AND name = ?",
                    sealed.keyId(),
                    sealed.ciphertext(),
                    row.scope(),
                    row.name());
        }
        return stale.size();
    }

    private static TenantId tenant() {
        TenantId tenant = TenantContext.current()
                .orElseThrow(() -> new IllegalStateException("tenant credentials need a tenant"));
        if (tenant.isPlatform()) {
            throw new IllegalStateException("the platform has no tenant credentials");
        }
        return tenant;
    }

    private static void check(String scope, String name) {
        if (scope == null || !SCOPE.matcher(scope).matches()) {
            throw new IllegalArgumentException("credential scope '" + scope + "' is not a scope name");
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("credential name '" + name + "' is not a credential name");
        }
    }
}
