package dev.tenantcore.infra.tenancy;

import dev.tenantcore.api.common.TenantId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sets {@code app.tenant_id} transaction-locally, inside the transaction that runs the queries, so
 * a pooled connection never carries one tenant's context into another's work.
 *
 * <p>At begin it uses the thread's {@link TenantContext}. Handlers that learn their tenant later
 * (an event in a batch, a command whose unit of work began first) call {@link #bind(TenantId)},
 * which changes the setting for the rest of the transaction only when it differs.
 */
public class TenantAwareTransactionManager extends JdbcTransactionManager {

    private static final String SET_TENANT = "SELECT set_config('app.tenant_id', ?, true)";
    private static final String SET_TENANT_COMMIT_ASYNCHRONOUSLY =
            "SELECT set_config('app.tenant_id', ?, true), set_config('synchronous_commit', 'off', true)";
    private static final String COMMIT_ASYNCHRONOUSLY = "SELECT set_config('synchronous_commit', 'off', true)";
    /** The tenant the current thread's transaction is set to, so a repeated bind costs no round trip. */
    private static final ThreadLocal<TenantId> BOUND = new ThreadLocal<>();
    /**
     * Whether the current thread's transaction commits asynchronously: {@code false} while that waits
     * for the tenant's setting to travel with it, {@code true} once it is set, absent otherwise.
     */
    private static final ThreadLocal<Boolean> ASYNCHRONOUS = new ThreadLocal<>();

    private final DataSource dataSource;

    public TenantAwareTransactionManager(DataSource dataSource) {
        super(dataSource);
        this.dataSource = dataSource;
    }

    @Override
    protected void prepareTransactionalConnection(Connection con, TransactionDefinition definition)
            throws SQLException {
        super.prepareTransactionalConnection(con, definition);
        applyCurrentTenant(con);
    }

    @Override
    protected void doCleanupAfterCompletion(Object transaction) {
        BOUND.remove();
        ASYNCHRONOUS.remove();
        super.doCleanupAfterCompletion(transaction);
    }

    /**
     * Lets the current transaction, if any, commit without waiting for its write-ahead log to reach
     * the disk (PostgreSQL's asynchronous commit, {@code synchronous_commit = off} for this
     * transaction alone). Only for work that is done again when its commit is lost: a crash of the
     * database server can lose the last such commits, each as a whole, never part of one. A
     * projection's processor is such work: its position in the event stream is lost with its rows,
     * so it reads the same events again and writes the same rows. The setting travels with the
     * tenant's, in the same statement, when the transaction has not set one yet; otherwise it costs
     * a statement of its own.
     */
    public void commitAsynchronously() {
        if (!TransactionSynchronizationManager.isActualTransactionActive() || ASYNCHRONOUS.get() != null) {
            return;
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    ASYNCHRONOUS.remove();
                }
            });
        }
        if (BOUND.get() == null) {
            ASYNCHRONOUS.set(Boolean.FALSE);
            return;
        }
        Connection con = DataSourceUtils.getConnection(dataSource);
        try (PreparedStatement ps = con.prepareStatement(COMMIT_ASYNCHRONOUSLY)) {
            ps.execute();
            ASYNCHRONOUS.set(Boolean.TRUE);
        } catch (SQLException e) {
            throw translateException("commit asynchronously", e);
        } finally {
            DataSourceUtils.releaseConnection(con, dataSource);
        }
    }

    /**
     * Makes the current transaction, if any, work for {@code tenant} from now on. Works for any
     * Spring-managed transaction on this data source, including a JPA one.
     */
    public void bind(TenantId tenant) {
        if (!TransactionSynchronizationManager.isActualTransactionActive() || tenant.equals(BOUND.get())) {
            return;
        }
        Connection con = DataSourceUtils.getConnection(dataSource);
        try {
            apply(con, tenant);
            if (TransactionSynchronizationManager.isSynchronizationActive()) {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        BOUND.remove();
                    }
                });
            }
        } catch (SQLException e) {
            throw translateException("set tenant", e);
        } finally {
            DataSourceUtils.releaseConnection(con, dataSource);
        }
    }

    /** For transaction managers of other kinds: sets the thread's tenant on a connection that just began. */
    public static void applyCurrentTenant(Connection con) throws SQLException {
        // A transaction begun inside another (REQUIRES_NEW) never takes over the outer one's wish to
        // commit asynchronously; the outer one then commits as it would without it.
        ASYNCHRONOUS.remove();
        TenantId tenant = TenantContext.current().orElse(null);
        if (tenant != null) {
            apply(con, tenant);
        }
    }

    /** For transaction managers of other kinds: forgets what {@link #applyCurrentTenant} set. */
    public static void forgetTenant() {
        BOUND.remove();
        ASYNCHRONOUS.remove();
    }

    private static void apply(Connection con, TenantId tenant) throws SQLException {
        boolean asynchronous = Boolean.FALSE.equals(ASYNCHRONOUS.get());
        try (PreparedStatement ps =
                con.prepareStatement(asynchronous ? SET_TENANT_COMMIT_ASYNCHRONOUSLY : SET_TENANT)) {
            ps.setString(1, tenant.value().toString());
            ps.execute();
        }
        BOUND.set(tenant);
        if (asynchronous) {
            ASYNCHRONOUS.set(Boolean.TRUE);
        }
    }
}
