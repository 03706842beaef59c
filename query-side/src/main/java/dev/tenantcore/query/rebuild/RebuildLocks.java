package dev.tenantcore.query.rebuild;

import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.audit.TenantEventLog;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps the commands of every node off one tenant's rows of a subscribing projection while a
 * rebuild rewrites them, without stopping those commands.
 *
 * <p>A subscribing projection ({@code catalog}, {@code api-keys}) writes its rows in the transaction
 * of the command whose events it takes, on whichever node ran the command, so a hold in one node's
 * memory ({@link RebuildHolds}) cannot cover it. Two PostgreSQL advisory locks per projection and
 * tenant do, on every node:
 *
 * <ul>
 *   <li>The rebuild holds the <em>rebuild</em> lock exclusively from before it removes the rows
 *       until it hands them back. A command's transaction tries to take it shared before the
 *       projection's first event of that tenant (once per transaction, never waiting): holding it,
 *       the projection writes as usual, and no rebuild can begin before that transaction ends; not
 *       getting it, a rebuild runs, and the projection leaves the transaction's events to it.
 *   <li>A transaction that leaves its events to the rebuild holds the <em>hand-back</em> lock shared
 *       until it ends, and notes each event's global position ({@code rebuild_skipped_events}, V59).
 *       The rebuild, done with the tenant's stream, takes the lock exclusively, which waits for every
 *       such transaction to commit or roll back; it then reads the stream again from the lowest
 *       position noted, for the events it has not applied yet, and releases both locks. A command
 *       arriving during that last pass waits for it, then finds the rebuild lock free and writes as
 *       usual.
 * </ul>
 *
 * The rebuild's own writes call the projection's handlers directly, past this interceptor.
 */
@Component
class RebuildLocks implements ConfigurerModule {

    private static final String REBUILD = "rebuild";
    private static final String HAND_BACK = "hand-back";

    private final Projections projections;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final ObjectProvider<TenantAwareTransactionManager> transactions;
    private final TenantEventLog log;

    RebuildLocks(
            Projections projections,
            ObjectProvider<EventProcessingConfiguration> processing,
            JdbcTemplate jdbc,
            DataSource dataSource,
            ObjectProvider<TenantAwareTransactionManager> transactions,
            TenantEventLog log) {
        this.projections = projections;
        this.processing = processing;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.log = log;
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing(eventProcessing ->
                eventProcessing.registerDefaultHandlerInterceptor((configuration, processor) ->
                        ProcessorInterceptors.where(processor, this::subscribing, (unitOfWork, chain) -> {
                            Object tenant =
                                    unitOfWork.getMessage().getMetaData().get(MetadataKeys.TENANT_ID);
                            if (tenant == null) {
                                return chain.proceed();
                            }
                            boolean writes = unitOfWork
                                    .root()
                                    .getOrComputeResource(
                                            "rebuild-lock/" + processor + "/" + tenant,
                                            k -> mayWrite(processor, tenant.toString()));
                            if (writes) {
                                return chain.proceed();
                            }
                            leaveToTheRebuild(processor, tenant.toString(), unitOfWork.getMessage());
                            return null;
                        })));
    }

    /** Whether {@code projection} is written in its commands' transactions. */
    boolean subscribing(String projection) {
        return projections.all().containsKey(projection)
                && processing
                        .getObject()
                        .eventProcessor(projection, SubscribingEventProcessor.class)
                        .isPresent();
    }

    /** In the command's transaction: whether the projection writes, or leaves it to a running rebuild. */
    private boolean mayWrite(String projection, String tenant) {
        if (Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT pg_try_advisory_xact_lock_shared(?)", Boolean.class, key(REBUILD, projection, tenant)))) {
            return true;
        }
        // A rebuild runs. Waits only while it hands the rows back; if it has by then, writes after all.
        jdbc.query("SELECT pg_advisory_xact_lock_shared(?)", rows -> null, key(HAND_BACK, projection, tenant));
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT pg_try_advisory_xact_lock_shared(?)", Boolean.class, key(REBUILD, projection, tenant)));
    }

    /**
     * Notes, in the command's transaction, where the rebuild's last pass must start for {@code event}:
     * its global position, found in the tenant's log by its aggregate and sequence number (the event
     * the command has just appended). An event of no aggregate is noted at position 0, so the last
     * pass reads the whole stream. The note is the event's tenant's, as the rows the projection would
     * have written: the transaction is bound to that tenant first, as the handler would have bound it.
     */
    private void leaveToTheRebuild(String projection, String tenant, EventMessage<?> event) {
        transactions.getObject().bind(TenantId.of(tenant));
        long position = event instanceof DomainEventMessage<?> domain
                ? log.position(domain.getAggregateIdentifier(), domain.getSequenceNumber())
                        .orElse(0L)
                : 0L;
        jdbc.update(
                "INSERT INTO rebuild_skipped_events (tenant_id, projection, global_index) VALUES (?, ?, ?)"
                        + " ON CONFLICT DO NOTHING",
                UUID.fromString(tenant),
                projection,
                position);
    }

    /**
     * In a transaction of {@code tenant}: the lowest global position of the events that commands left
     * to the rebuild of the tenant's rows of {@code projection}, or null if none did.
     */
    Long firstLeftToTheRebuild(String projection, TenantId tenant) {
        return jdbc.queryForObject(
                "SELECT min(global_index) FROM rebuild_skipped_events WHERE tenant_id = ? AND projection = ?",
                Long.class,
                tenant.value(),
                projection);
    }

    /** In a transaction of {@code tenant}: forgets the notes of what commands left to its rebuild. */
    void forgetLeftToTheRebuild(String projection, TenantId tenant) {
        jdbc.update(
                "DELETE FROM rebuild_skipped_events WHERE tenant_id = ? AND projection = ?",
                tenant.value(),
                projection);
    }

    /**
     * Takes the rebuild lock of {@code tenant}'s rows of {@code projection}, on a connection of its
     * own; waits until every command transaction that writes them has ended.
     */
    Lease rebuilding(String projection, TenantId tenant) throws SQLException {
        Connection connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(true);
            Lease lease = new Lease(connection, projection, tenant.toString());
            lease.lock(REBUILD);
            return lease;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** A rebuild's hold on one tenant's rows of a subscribing projection; closing it hands them back. */
    static final class Lease implements AutoCloseable {

        private final Connection connection;
        private final String projection;
        private final String tenant;

        private Lease(Connection connection, String projection, String tenant) {
            this.connection = connection;
            this.projection = projection;
            this.tenant = tenant;
        }

        /** Waits until every transaction that left its events to the rebuild has ended. */
        void handBack() throws SQLException {
            lock(HAND_BACK);
        }

        private void lock(String which) throws SQLException {
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?)")) {
                lock.setLong(1, key(which, projection, tenant));
                lock.execute();
            }
        }

        @Override
        public void close() throws SQLException {
            try (connection;
                    PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock_all()")) {
                unlock.execute();
            }
        }
    }

    /** 64 bits of a digest of what is locked: two projections or tenants share a lock only by a 64-bit collision. */
    static long key(String which, String projection, String tenant) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((which + "/" + projection + "/" + tenant).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
