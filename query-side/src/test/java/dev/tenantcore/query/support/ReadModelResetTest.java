package dev.tenantcore.query.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tenantcore.api.common.TenantId;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.support.TransactionTemplate;

@DisplayName("A read model reset")
class ReadModelResetTest {

    private final ProjectionFixture db = ProjectionFixture.database();
    private final TenantId first = ProjectionFixture.newTenant();
    private final TenantId second = ProjectionFixture.newTenant();

    private void category(TenantId tenant) {
        db.as(
                tenant,
                () -> db.store()
                        .insert("categories", tenant)
                        .value("id", UUID.randomUUID())
                        .value("name", "c")
                        .value("slug", "c")
                        .value("position", 0)
                        .value("active", true)
                        .apply(0, Instant.now()));
    }

    private <T> T withoutTenant(java.util.function.Supplier<T> work) {
        return new TransactionTemplate(db.transactions()).execute(status -> work.get());
    }

    @Test
    @DisplayName("is needed: the runtime role alone deletes no row without a tenant, under forced row-level security")
    void runtimeRoleCannotDeleteAcrossTenants() {
        category(first);

        int deleted = withoutTenant(() -> db.jdbc().update("DELETE FROM categories"));

        assertThat(deleted).isZero();
        assertThat(db.rows(first, "categories")).hasSize(1);
    }

    @Test
    @DisplayName("empties the named read tables for every tenant")
    void emptiesEveryTenant() {
        category(first);
        category(second);

        withoutTenant(() -> {
            db.store().reset("categories", "products");
            return null;
        });

        assertThat(db.rows(first, "categories")).isEmpty();
        assertThat(db.rows(second, "categories")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "stock_levels",
                "domain_event_entry",
                "token_entry",
                "tenant_owners",
                "read_model_tables",
                "categories, stock_levels",
                "public.categories",
                "categories; DROP TABLE orders"
            })
    @DisplayName("refuses any table outside the read-model allow-list, and empties nothing then")
    void refusesOtherTables(String table) {
        category(first);

        assertThatThrownBy(() -> withoutTenant(() -> {
                    db.store().reset("categories", table);
                    return null;
                }))
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("is not a read table that may be reset");

        assertThat(db.rows(first, "categories")).hasSize(1);
    }

    @Test
    @DisplayName("keeps its list out of the runtime role's reach: adding a table to it is refused")
    void listIsReadOnly() {
        assertThatThrownBy(() -> withoutTenant(
                        () -> db.jdbc().update("INSERT INTO read_model_tables (name) VALUES ('stock_levels')")))
                .isInstanceOf(DataAccessException.class)
                .hasStackTraceContaining("permission denied");
        assertThat(withoutTenant(() -> db.jdbc()
                        .queryForObject(
                                "SELECT count(*) FROM read_model_tables WHERE name = 'stock_levels'", Integer.class)))
                .isZero();
    }

    @Test
    @DisplayName("refuses to run with no table named")
    void refusesNothing() {
        assertThatThrownBy(() -> withoutTenant(() -> {
                    db.store().reset();
                    return null;
                }))
                .isInstanceOf(DataAccessException.class);
    }
}
