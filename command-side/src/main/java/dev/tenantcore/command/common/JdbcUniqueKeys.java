package dev.tenantcore.command.common;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Claims keys in {@code platform_unique_keys} or, per tenant, in the row-level-secured
 * {@code tenant_unique_keys}, whose tenant is the one the command's transaction runs for.
 */
@Component
class JdbcUniqueKeys implements UniqueKeys {

    private final JdbcTemplate jdbc;

    JdbcUniqueKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void claim(Scope scope, String key, UUID owner) {
        int inserted = scope.perTenant()
                ? jdbc.update(
                        "INSERT INTO tenant_unique_keys (tenant_id, scope, key, owner_id) VALUES (app_current_tenant(), ?, ?, ?)"
                                + " ON CONFLICT DO NOTHING",
                        scope.name(),
                        key,
                        owner)
                : jdbc.update(
                        "INSERT INTO platform_unique_keys (scope, key, owner_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                        scope.name(),
                        key,
                        owner);
        if (inserted == 0 && !owner.equals(ownerOf(scope, key))) {
            throw scope.taken(key);
        }
    }

    @Override
    public void release(Scope scope, String key, UUID owner) {
        jdbc.update(
                "DELETE FROM " + table(scope) + " WHERE scope = ? AND key = ? AND owner_id = ?",
                scope.name(),
                key,
                owner);
    }

    @Override
    public Optional<UUID> holder(Scope scope, String key) {
        return Optional.ofNullable(ownerOf(scope, key));
    }

    private UUID ownerOf(Scope scope, String key) {
        List<UUID> owners = jdbc.queryForList(
                "SELECT owner_id FROM " + table(scope) + " WHERE scope = ? AND key = ?", UUID.class, scope.name(), key);
        return owners.isEmpty() ? null : owners.get(0);
    }

    private static String table(Scope scope) {
        return scope.perTenant() ? "tenant_unique_keys" : "platform_unique_keys";
    }
}
