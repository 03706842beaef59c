package dev.tenantcore.query.apikeys;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.security.ApiKeyCredential;
import dev.tenantcore.infra.security.ApiKeyCredentials;
import dev.tenantcore.query.support.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Authentication's view of the API keys. No tenant appears in the SQL on purpose: the caller's
 * transaction set the request's tenant, and row-level security hides every other tenant's keys.
 */
@Component
class ApiKeyLookup implements ApiKeyCredentials {

    private final JdbcTemplate jdbc;

    ApiKeyLookup(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ApiKeyCredential> bySecretHash(String secretHash) {
        return jdbc
                .query(
                        "SELECT tenant_id, id, prefix, roles, expires_at, revoked_at FROM api_keys WHERE secret_hash = ?",
                        ApiKeyLookup::toCredential,
                        secretHash)
                .stream()
                .findFirst();
    }

    /** At most one write a minute per key: authentication must not turn every read into a write. */
    @Override
    public void recordUse(UUID keyId) {
        jdbc.update("""
                UPDATE api_keys SET last_used_at = now()
                 WHERE id = ? AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
                """, keyId);
    }

    private static ApiKeyCredential toCredential(ResultSet rs, int row) throws SQLException {
        return new ApiKeyCredential(
                rs.getObject("id", UUID.class),
                new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getString("prefix"),
                EnumSet.copyOf(ApiKeyProjection.roles(rs.getArray("roles"))),
                Sql.instant(rs, "expires_at"),
                rs.getObject("revoked_at") != null);
    }
}
