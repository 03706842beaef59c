package dev.tenantcore.command.identity;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.Role;
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
 * {@link SignInCredentials} on the row-level-secured {@code user_credentials} table, and sign-in's
 * view of it. No tenant appears in the SQL on purpose: the caller's transaction has set the tenant
 * (the platform scope for platform administrators), and row-level security hides every other
 * tenant's accounts, so the same email in two tenants is never confused. Without a tenant it finds
 * nothing and writes nothing. To sign-in, an account the platform suspended is not active, whatever
 * its tenant decided.
 */
@Component
class JdbcSignInCredentials implements SignInCredentials, UserCredentials {

    private static final String SELECT =
            "SELECT tenant_id, user_id, email, display_name, password_hash, role, active AND NOT suspended AS active"
                    + " FROM user_credentials ";

    private final JdbcTemplate jdbc;

    JdbcSignInCredentials(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void registered(UserId user, String email, String displayName, String passwordHash, Role role) {
        jdbc.update("""
                INSERT INTO user_credentials (tenant_id, user_id, email, display_name, password_hash, role, active, version)
                VALUES (app_current_tenant(), ?, ?, ?, ?, ?, true, 0)
                """, user.value(), email, displayName, passwordHash, role.wireName());
    }

    @Override
    public void passwordChanged(UserId user, String passwordHash, long version) {
        jdbc.update(
                "UPDATE user_credentials SET password_hash = ?, version = ? WHERE user_id = ?",
                passwordHash,
                version,
                user.value());
    }

    @Override
    public void activated(UserId user, boolean active, long version) {
        jdbc.update(
                "UPDATE user_credentials SET active = ?, version = ? WHERE user_id = ?", active, version, user.value());
    }

    @Override
    public void suspended(UserId user, boolean suspended, long version) {
        jdbc.update(
                "UPDATE user_credentials SET suspended = ?, version = ? WHERE user_id = ?",
                suspended,
                version,
                user.value());
    }

    @Override
    public void roleChanged(UserId user, Role role, long version) {
        jdbc.update(
                "UPDATE user_credentials SET role = ?, version = ? WHERE user_id = ?",
                role.wireName(),
                version,
                user.value());
    }

    @Override
    public void renamed(UserId user, String displayName, long version) {
        jdbc.update(
                "UPDATE user_credentials SET display_name = ?, version = ? WHERE user_id = ?",
                displayName,
                version,
                user.value());
    }

    @Override
    public void deleted(UserId user) {
        jdbc.update("DELETE FROM user_credentials WHERE user_id = ?", user.value());
    }

    @Override
    public Optional<Credentials> byEmail(String email) {
        if (email == null) {
            return Optional.empty();
        }
        // Stored lower-case by the aggregate, so the unique (tenant_id, email) index serves this.
        return first(SELECT + "WHERE email = ?", email.strip().toLowerCase(Locale.ROOT));
    }

    @Override
    public Optional<Credentials> byId(UserId userId) {
        return first(SELECT + "WHERE user_id = ?", userId.value());
    }

    /**
     * A change to the account updates this row before it ends the account's sessions, so holding
     * the row share-locked until a new session is recorded makes that change wait and then end the
     * new session too: no sign-in slips between a password change and its revocations.
     */
    @Override
    public Optional<Credentials> lockById(UserId userId) {
        return first(SELECT + "WHERE user_id = ? FOR SHARE", userId.value());
    }

    private Optional<Credentials> first(String sql, Object parameter) {
        return jdbc.query(sql, JdbcSignInCredentials::toCredentials, parameter).stream()
                .findFirst();
    }

    private static Credentials toCredentials(ResultSet rs, int row) throws SQLException {
        return new Credentials(
                new UserId(rs.getObject("user_id", UUID.class)),
                new TenantId(rs.getObject("tenant_id", UUID.class)),
                rs.getString("email"),
                rs.getString("display_name"),
                rs.getString("password_hash"),
                Role.fromWireName(rs.getString("role")),
                rs.getBoolean("active"));
    }
}
