package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.app.support.IntegrationTest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the live PostgreSQL catalogue, so a future table with a {@code tenant_id} column but
 * without forced row-level security breaks the build, and proves the policy with the runtime role.
 */
@IntegrationTest
class RowLevelSecurityTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    @DisplayName("every table with a tenant_id column has row-level security enabled, forced and a policy")
    void everyTenantTableIsIsolated() {
        List<String> tenantTables = jdbc.queryForList("""
                SELECT c.relname FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
                """, String.class);
        assertThat(tenantTables)
                .as("the check must see the tenant tables it protects")
                .contains(
                        "products",
                        "categories",
                        "user_accounts",
                        "auth_sessions",
                        "tenant_unique_keys",
                        "contacts",
                        "contact_field_definitions");
        List<String> unprotected = jdbc.queryForList("""
                SELECT c.relname FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
                WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
                  AND (NOT c.relrowsecurity OR NOT c.relforcerowsecurity
                       OR NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid
                                      AND pg_get_expr(p.polqual, p.polrelid) LIKE '%app_current_tenant()%'
                                      AND pg_get_expr(p.polwithcheck, p.polrelid) LIKE '%app_current_tenant()%'))
                """, String.class);
        assertThat(unprotected)
                .as("tables with tenant_id but without forced, fail-closed RLS")
                .isEmpty();
    }

    @Test
    @DisplayName("the runtime role is neither superuser, nor BYPASSRLS, nor owner of any table")
    void runtimeRoleCannotBypassPolicies() {
        var role = jdbc.queryForMap(
                "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user");
        assertThat(role)
                .containsEntry("rolsuper", false)
                .containsEntry("rolbypassrls", false)
                .containsEntry("rolcreaterole", false);
        Integer owned = jdbc.queryForObject(
                "SELECT count(*) FROM pg_tables WHERE schemaname = current_schema() AND tableowner = current_user",
                Integer.class);
        assertThat(owned).isZero();
    }

    @Test
    @DisplayName("without a tenant set the runtime role sees no row and cannot insert one")
    void failsClosedWithoutTenant() throws SQLException {
        UUID tenantA = UUID.randomUUID();
        UUID tenantB = UUID.randomUUID();
        insertKey(tenantA, "a-key");
        insertKey(tenantB, "b-key");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            assertThat(keys(c)).isEmpty();
            c.rollback();
            setTenant(c, tenantA);
            assertThat(keys(c)).containsExactly("a-key");
            c.rollback();
            // The setting was transaction-local: the pooled connection carries nothing over.
            assertThat(keys(c)).isEmpty();
            c.rollback();
            setTenant(c, tenantA);
            assertThatThrownBy(() -> insertKey(c, tenantB, "forged"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("row-level security");
            c.rollback();
            assertThatThrownBy(() -> insertKey(c, tenantB, "no-tenant")).isInstanceOf(SQLException.class);
            c.rollback();
        }
    }

    private void insertKey(UUID tenant, String key) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            setTenant(c, tenant);
            insertKey(c, tenant, key);
            c.commit();
        }
    }

    private static void insertKey(Connection c, UUID tenant, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tenant_unique_keys (tenant_id, scope, key, owner_id) VALUES (?, 'TEST', ?, ?)")) {
            ps.setObject(1, tenant);
            ps.setString(2, key);
            ps.setObject(3, UUID.randomUUID());
            ps.executeUpdate();
        }
    }

    private static void setTenant(Connection c, UUID tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('app.tenant_id', ?, true)")) {
            ps.setString(1, tenant.toString());
            ps.execute();
        }
    }

    private static List<String> keys(Connection c) throws SQLException {
        List<String> keys = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT key FROM tenant_unique_keys WHERE scope = 'TEST'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }
}
