package dev.tenantcore.query.support;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.infra.persistence.EmbeddedPostgresEnvironment;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.flywaydb.core.Flyway;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.jdbc.core.ColumnMapRowMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A real PostgreSQL for projection tests, set up as the application sets it up: the same embedded
 * server and roles ({@link EmbeddedPostgresEnvironment}), the migrations run as the owner, and the
 * projections connected as the runtime role, which owns nothing and cannot bypass row-level
 * security. One server serves every test of the JVM; tests keep apart by using fresh tenants.
 *
 * <p>Events reach a projection as Axon delivers them: as domain event messages with the tenant in
 * their metadata, an aggregate sequence number and a timestamp, each in a unit of work bound to a
 * transaction in which the tenant is set from the metadata (what infra's event interceptor does).
 */
public final class ProjectionFixture {

    private static ProjectionFixture shared;

    private final JdbcTemplate jdbc;
    private final TenantAwareTransactionManager transactions;
    private final QueryUpdateEmitter emitter =
            SimpleQueryUpdateEmitter.builder().build();
    private final ReadModel store;
    private final DriverManagerDataSource owner;

    private ProjectionFixture(String url, String ownerRole) {
        this.owner = new DriverManagerDataSource(url, ownerRole, "");
        HikariConfig pool = new HikariConfig();
        pool.setJdbcUrl(url);
        pool.setUsername(EmbeddedPostgresEnvironment.APP_ROLE);
        pool.setPassword("");
        // Few connections, reused: a pooled connection that had a tenant before must not leak it.
        pool.setMaximumPoolSize(2);
        HikariDataSource runtime = new HikariDataSource(pool);
        this.jdbc = new JdbcTemplate(runtime);
        this.transactions = new TenantAwareTransactionManager(runtime);
        this.store = new ReadModel(
                jdbc, transactions, emitter, Jackson2ObjectMapperBuilder.json().build());
    }

    public static synchronized ProjectionFixture database() {
        if (shared == null) {
            StandardEnvironment env = new StandardEnvironment();
            env.getPropertySources()
                    .addFirst(new MapPropertySource("test", Map.of("app.embedded-db.ephemeral", "true")));
            new EmbeddedPostgresEnvironment(Supplier::get).postProcessEnvironment(env, new SpringApplication());
            String url = env.getRequiredProperty("spring.datasource.url");
            Flyway.configure()
                    .dataSource(url, env.getRequiredProperty("spring.flyway.user"), "")
                    .placeholders(Map.of("appRole", EmbeddedPostgresEnvironment.APP_ROLE))
                    .load()
                    .migrate();
            shared = new ProjectionFixture(url, env.getRequiredProperty("spring.flyway.user"));
        }
        return shared;
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /**
     * Runs {@code work} as the tables' owner in one transaction with {@code tenant} set (row-level
     * security is forced on the owner too), then rolls everything back: for what only the owner may
     * do, such as collecting planner statistics over rows made up for one test.
     */
    public <R> R asOwnerRolledBack(TenantId tenant, Function<JdbcTemplate, R> work) {
        TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(owner));
        return transaction.execute(status -> {
            status.setRollbackOnly();
            JdbcTemplate ownerJdbc = new JdbcTemplate(owner);
            ownerJdbc.queryForObject(
                    "SELECT set_config('app.tenant_id', ?, true)",
                    String.class,
                    tenant.value().toString());
            return work.apply(ownerJdbc);
        });
    }

    public TenantAwareTransactionManager transactions() {
        return transactions;
    }

    public QueryUpdateEmitter emitter() {
        return emitter;
    }

    /** What a projection is built with, as the application wires it. */
    public ReadModel store() {
        return store;
    }

    /** Delivers the events to the projection one by one, each in its own transaction. */
    public void feed(Object projection, List<? extends EventMessage<?>> events) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        SpringTransactionManager axonTransactions = new SpringTransactionManager(transactions);
        for (EventMessage<?> event : events) {
            DefaultUnitOfWork<EventMessage<?>> unit = DefaultUnitOfWork.startAndGet(event);
            unit.attachTransaction(axonTransactions);
            ResultMessage<?> result = unit.executeWithResult(() -> {
                TenantId tenant = TenantId.of(
                        event.getMetaData().get(MetadataKeys.TENANT_ID).toString());
                Object user = event.getMetaData().get(MetadataKeys.USER_ID);
                try (var scope = TenantContext.enter(tenant, user == null ? null : UserId.of(user.toString()))) {
                    transactions.bind(tenant);
                    return handlers.handle(event);
                }
            });
            if (result.isExceptional()) {
                throw new AssertionError(
                        "the projection failed on " + event.getPayloadType(), result.exceptionResult());
            }
        }
    }

    /**
     * Delivers one tenant's events to the projection as a rebuild applies a page: all in one
     * transaction, with the versioned writes held back and sent as batches ({@link ReadModel#batched}).
     */
    public void feedInOnePage(Object projection, TenantId tenant, List<? extends EventMessage<?>> events) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        try (var scope = TenantContext.enter(tenant, null)) {
            new TransactionTemplate(transactions).executeWithoutResult(status -> {
                transactions.bind(tenant);
                store.batched(() -> {
                    for (EventMessage<?> event : events) {
                        try {
                            handlers.handle(event);
                        } catch (Exception e) {
                            throw new AssertionError("the projection failed on " + event.getPayloadType(), e);
                        }
                    }
                });
            });
        }
    }

    /** Calls the projection's reset handlers as a processor reset does: with no tenant set. */
    public void reset(Object projection) {
        AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
        new TransactionTemplate(transactions).executeWithoutResult(status -> handlers.prepareReset());
    }

    /** Runs {@code work} (a query, a read) in a transaction of the runtime role with {@code tenant} set. */
    public <T> T as(TenantId tenant, Supplier<T> work) {
        try (var scope = TenantContext.enter(tenant, null)) {
            return new TransactionTemplate(transactions).execute(status -> work.get());
        }
    }

    /** Every row of {@code table} that {@code tenant} can see (all when null: platform tables), in a stable order. */
    public List<Map<String, Object>> rows(TenantId tenant, String table) {
        Supplier<List<Map<String, Object>>> read = () -> jdbc.query("SELECT * FROM " + table, new ValueRows());
        List<Map<String, Object>> found = new ArrayList<>(
                tenant == null ? new TransactionTemplate(transactions).execute(s -> read.get()) : as(tenant, read));
        found.sort(Comparator.comparing(Object::toString));
        return found;
    }

    /** Column values that compare by value: the driver's arrays do not. */
    private static final class ValueRows extends ColumnMapRowMapper {
        @Override
        protected Object getColumnValue(ResultSet rs, int index) throws SQLException {
            Object value = super.getColumnValue(rs, index);
            return value instanceof Array array ? Arrays.asList((Object[]) array.getArray()) : value;
        }
    }

    /** A fresh tenant, so that tests sharing the database never see each other's rows. */
    public static TenantId newTenant() {
        return new TenantId(UUID.randomUUID());
    }
}
