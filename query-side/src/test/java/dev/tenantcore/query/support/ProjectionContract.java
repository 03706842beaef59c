package dev.tenantcore.query.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.TenantId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What every projection must guarantee, run against each one on a real PostgreSQL: Axon delivers
 * events at least once, so a second delivery changes nothing; the same aggregate ids in two
 * tenants stay two separate sets of rows that only their own tenant reads; and a reset empties
 * the read model so that a replay rebuilds exactly the rows it had.
 *
 * <p>A subclass names its projection, its tables and a tenant's history. The history uses the
 * same aggregate ids for every tenant (fields of the test instance), which is what makes the
 * two-tenant test bite: a write found by id alone would hit the other tenant's row without
 * row-level security.
 */
public abstract class ProjectionContract<P> {

    protected final ProjectionFixture db = ProjectionFixture.database();
    /** Two tenants, fresh for each test, so that tests sharing the database never meet. */
    protected final TenantId first = ProjectionFixture.newTenant();

    protected final TenantId second = ProjectionFixture.newTenant();
    private final Function<ReadModel, P> factory;
    private final List<String> tables;
    private P fed;

    /**
     * @param factory the projection's constructor
     * @param tables the tables it writes, its main table first
     */
    protected ProjectionContract(Function<ReadModel, P> factory, String... tables) {
        this.factory = factory;
        this.tables = List.of(tables);
    }

    /** A new instance of the projection under test, wired as the application wires it. */
    protected P projection() {
        return factory.apply(db.store());
    }

    protected List<String> tables() {
        return tables;
    }

    /** A projection that has seen the histories of both tenants. */
    private P fedWithBothTenants() {
        P projection = projection();
        db.feed(projection, history(first).events());
        db.feed(projection, history(second).events());
        return projection;
    }

    /**
     * What {@code tenant} is answered by a projection that has seen both tenants' histories: the
     * question every projection test asks. The projection is fed on the first question of a test,
     * outside the asking tenant's transaction.
     */
    protected <R> R ask(TenantId tenant, Function<P, R> question) {
        if (fed == null) {
            fed = fedWithBothTenants();
        }
        P projection = fed;
        return db.as(tenant, () -> question.apply(projection));
    }

    /** A history of the tenant exercising every event the projection handles. */
    protected abstract History history(TenantId tenant);

    /** The rows of {@code table} that belong to {@code tenant}, as that tenant reads them. */
    protected List<Map<String, Object>> rowsOf(TenantId tenant, String table) {
        return db.rows(tenant, table);
    }

    protected static UUID id() {
        return UUID.randomUUID();
    }

    /** How Axon may deliver a history more than once. */
    enum Redelivery {
        /** The whole history again, as after a replay over the existing rows. */
        WHOLE_HISTORY_AGAIN,
        /** Every event twice in a row, as when a batch is retried. */
        EACH_EVENT_TWICE
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Redelivery.class)
    @DisplayName("delivering the whole history a second time, or every event twice in a row, leaves the same rows")
    void deliveredTwice(Redelivery redelivery) {
        TenantId tenant = first;
        P projection = projection();
        List<DomainEventMessage<?>> events = history(tenant).events();
        db.feed(projection, events);
        Map<String, List<Map<String, Object>>> once = snapshot(tenant);

        if (redelivery == Redelivery.WHOLE_HISTORY_AGAIN) {
            db.feed(projection, events);
        } else {
            db.reset(projection);
            List<DomainEventMessage<?>> doubled = new ArrayList<>();
            events.forEach(e -> doubled.addAll(List.of(e, e)));
            db.feed(projection, doubled);
        }

        assertThat(once.get(tables().get(0))).as("rows of %s", tables().get(0)).isNotEmpty();
        assertThat(snapshot(tenant)).isEqualTo(once);
    }

    @Test
    @DisplayName("two tenants with the same aggregate ids each read only their own rows")
    void tenantsKeepTheirOwnRows() {
        P projection = projection();
        db.feed(projection, history(first).events());
        Map<String, List<Map<String, Object>>> firstAlone = snapshot(first);

        db.feed(projection, history(second).events());

        assertThat(snapshot(first))
                .as("the second tenant's events changed none of the first tenant's rows")
                .isEqualTo(firstAlone);
        for (String table : tables()) {
            List<Map<String, Object>> firsts = rowsOf(first, table);
            List<Map<String, Object>> seconds = rowsOf(second, table);
            assertThat(seconds).as("rows of %s", table).hasSameSizeAs(firsts);
            assertOwnedBy(first, firsts, table);
            assertOwnedBy(second, seconds, table);
        }
        assertNoRowWithoutTenant();
    }

    @Test
    @DisplayName("a reset empties the projection's tables and a replay rebuilds the same rows")
    void resetAndReplay() {
        P projection = projection();
        List<DomainEventMessage<?>> firstEvents = history(first).events();
        List<DomainEventMessage<?>> secondEvents = history(second).events();
        db.feed(projection, firstEvents);
        db.feed(projection, secondEvents);
        Map<String, List<Map<String, Object>>> firstRows = snapshot(first);
        Map<String, List<Map<String, Object>>> secondRows = snapshot(second);

        db.reset(projection);

        assertThat(snapshot(first).values()).allSatisfy(rows -> assertThat(rows).isEmpty());
        assertThat(snapshot(second).values())
                .allSatisfy(rows -> assertThat(rows).isEmpty());

        db.feed(projection, firstEvents);
        db.feed(projection, secondEvents);
        assertThat(snapshot(first)).isEqualTo(firstRows);
        assertThat(snapshot(second)).isEqualTo(secondRows);
    }

    /** Tenant tables: every row read under a tenant is that tenant's. */
    protected void assertOwnedBy(TenantId tenant, List<Map<String, Object>> rows, String table) {
        assertThat(rows)
                .as("rows of %s", table)
                .allSatisfy(row -> assertThat(row.get("tenant_id")).isEqualTo(tenant.value()));
    }

    /** Tenant tables: with no tenant set, the runtime role reads nothing at all. */
    protected void assertNoRowWithoutTenant() {
        for (String table : tables()) {
            assertThat(db.rows(null, table))
                    .as("rows of %s without a tenant", table)
                    .isEmpty();
        }
    }

    private Map<String, List<Map<String, Object>>> snapshot(TenantId tenant) {
        Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
        for (String table : tables()) {
            all.put(table, rowsOf(tenant, table));
        }
        return all;
    }
}
