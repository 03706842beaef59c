package dev.tenantcore.query.identity;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.api.identity.UserStatus;
import dev.tenantcore.infra.security.Credentials;
import dev.tenantcore.infra.security.UserCredentials;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sign-in's view of the accounts. No tenant appears in the SQL on purpose: the caller's
 * transaction has set the tenant, and row-level security hides every other tenant's accounts, so
 * the same email in two tenants can never be confused. Without a tenant it finds nothing.
 */
@Component
class UserAccountCredentials implements UserCredentials {

    private static final String SELECT =
            "SELECT tenant_id, id, email, display_name, password_hash, role, status FROM user_accounts ";

    private final JdbcTemplate jdbc;

    UserAccountCredentials(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Credentials> byEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        // Stored lower-case by the projection, so the unique (tenant_id, email) index serves this.
        return jdbc
                .query(
                        SELECT + "WHERE email = ?",
                        UserAccountCredentials::toCredentials,
                        email.trim().toLowerCase(Locale.ROOT))
                .stream()
                .findFirst();
    }

    @Override
    public Optional<Credentials> byId(UserId userId) {
        return jdbc.query(SELECT + "WHERE id = ?", UserAccountCredentials::toCredentials, userId.value()).stream()
                .findFirst();
    }

    private static Credentials toCredentials(ResultSet rs, int row) throws SQLException {
        return new Credentials(
                new UserId(rs.getObject("id", UUID.class)),
                new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getString("email"),
                rs.getString("display_name"),
                rs.getString("password_hash"),
                Role.fromWireName(rs.getString("role")),
                UserStatus.ACTIVE.wireName().equals(rs.getString("status")));
    }
}
