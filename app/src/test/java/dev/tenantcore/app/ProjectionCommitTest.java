package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.app.support.ShopTest;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A projection's processor commits without waiting for the disk; commands, and the projections that
 * run inside a command's transaction, still wait (TenantAwareTransactionManager#commitAsynchronously,
 * ProjectionCommits).
 */
class ProjectionCommitTest extends ShopTest {

    @Autowired
    TenantAwareTransactionManager transactions;

    /**
     * What the current transaction asks of its commit: "off" when it set {@code synchronous_commit}
     * off itself, "default" when it leaves the session's setting alone, so it waits for the disk on
     * a server that does (the tests' throw-away server does not wait at all, and a session's
     * default depends on when the pool opened it). {@code set_config(..., true)} sets the value
     * with the source "session" for the rest of the transaction only.
     */
    private static final String COMMIT_MODE =
            "(SELECT CASE WHEN source = 'session' THEN setting ELSE 'default' END FROM pg_settings"
                    + " WHERE name = 'synchronous_commit')";

    @Test
    @DisplayName("asynchronous commit travels with the tenant's setting and ends with its transaction")
    void asynchronousCommitIsTransactionLocal() {
        TenantId tenant = TenantId.of(shop.id());
        TransactionTemplate template = new TransactionTemplate(transactions);

        // As a processor's batch: the transaction begins without a tenant, learns it per event.
        List<String> processor = template.execute(status -> {
            transactions.commitAsynchronously();
            transactions.bind(tenant);
            return settings();
        });
        assertThat(processor).containsExactly("off", shop.id());

        // As a request's transaction: the tenant is set at its begin, the setting follows on its own.
        List<String> request;
        try (var scope = TenantContext.enter(tenant, null)) {
            request = template.execute(status -> {
                List<String> before = settings();
                transactions.commitAsynchronously();
                return List.of(before.get(0), settings().get(0), settings().get(1));
            });
        }
        assertThat(request).containsExactly("default", "off", shop.id());

        List<String> next = template.execute(status -> {
            transactions.bind(tenant);
            return settings();
        });
        assertThat(next).as("the next transaction waits for the disk again").containsExactly("default", shop.id());

        transactions.commitAsynchronously(); // outside any transaction: nothing to do
        String outside = template.execute(status -> settings().get(0));
        assertThat(outside).isEqualTo("default");
    }

    @Test
    @DisplayName("the CRM's processor commits asynchronously; the commands and the projections in their"
            + " transactions (catalogue, API keys) do not")
    void onlyStreamingProjectionsCommitAsynchronously() throws SQLException {
        asOwner("""
                CREATE TABLE commit_modes_seen (tenant text, source text, mode text);
                CREATE FUNCTION commit_mode_seen() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
                BEGIN
                    INSERT INTO commit_modes_seen VALUES (
                        current_setting('app.tenant_id', true), TG_ARGV[0], %s);
                    RETURN NULL;
                END $$;
                CREATE TRIGGER commit_mode_seen AFTER INSERT ON domain_event_entry
                    FOR EACH ROW EXECUTE FUNCTION commit_mode_seen('command');
                CREATE TRIGGER commit_mode_seen AFTER INSERT OR UPDATE ON contacts
                    FOR EACH ROW EXECUTE FUNCTION commit_mode_seen('crm');
                CREATE TRIGGER commit_mode_seen AFTER INSERT OR UPDATE ON products
                    FOR EACH ROW EXECUTE FUNCTION commit_mode_seen('catalog');
                CREATE TRIGGER commit_mode_seen AFTER INSERT OR UPDATE ON api_keys
                    FOR EACH ROW EXECUTE FUNCTION commit_mode_seen('api-keys');
                """.formatted(COMMIT_MODE));
        try {
            api.post("/api/v1/contacts")
                    .in(shop, owner)
                    .json(Map.of("name", "Commit Modes"))
                    .send()
                    .assertStatus(201);
            String product = platform.newProduct(shop, owner, "commit-modes", 500)
                    .get("id")
                    .asText();
            api.patch("/api/v1/products/" + product)
                    .in(shop, owner)
                    .json(Map.of("price", Map.of("amountMinor", 700, "currency", "EUR")))
                    .send()
                    .assertStatus(200);
            api.post("/api/v1/api-keys")
                    .in(shop, owner)
                    .json(Map.of("name", "commit modes", "roles", List.of("manager")))
                    .send()
                    .assertStatus(201);
            Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> !modes("crm").isEmpty());

            assertThat(modes("crm"))
                    .as("the CRM's rows, written by its processor")
                    .containsOnly("off");
            assertThat(modes("command"))
                    .as("the events of the contact, the product and the key, appended by their commands")
                    .hasSizeGreaterThanOrEqualTo(4)
                    .containsOnly("default");
            assertThat(modes("catalog"))
                    .as("the catalogue's rows, written in the commands' transactions")
                    .hasSize(2)
                    .containsOnly("default");
            assertThat(modes("api-keys"))
                    .as("the API keys' rows, written in the command's transaction")
                    .hasSize(1)
                    .containsOnly("default");
        } finally {
            asOwner("""
                    DROP TRIGGER commit_mode_seen ON domain_event_entry;
                    DROP TRIGGER commit_mode_seen ON contacts;
                    DROP TRIGGER commit_mode_seen ON products;
                    DROP TRIGGER commit_mode_seen ON api_keys;
                    DROP FUNCTION commit_mode_seen();
                    DROP TABLE commit_modes_seen;
                    """);
        }
    }

    /**
     * The commit mode and the tenant of the current transaction; no tenant reads as "" (a fresh
     * session has no such setting at all, one that had it transaction-locally has it empty).
     */
    private List<String> settings() {
        return jdbc.queryForObject(
                "SELECT " + COMMIT_MODE + ", coalesce(current_setting('app.tenant_id', true), '')",
                (rs, row) -> List.of(rs.getString(1), rs.getString(2)));
    }

    private List<String> modes(String source) throws SQLException {
        try (Connection connection = ownerConnection();
                var statement = connection.prepareStatement(
                        "SELECT mode FROM commit_modes_seen WHERE tenant = ? AND source = ?")) {
            statement.setString(1, shop.id());
            statement.setString(2, source);
            try (var rows = statement.executeQuery()) {
                List<String> modes = new ArrayList<>();
                while (rows.next()) {
                    modes.add(rows.getString(1));
                }
                return modes;
            }
        }
    }

    /** The runtime role may not alter tables: the owner role, as a migration would. */
    private void asOwner(String sql) throws SQLException {
        try (Connection connection = ownerConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
