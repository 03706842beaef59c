package dev.tenantcore.query.rebuild;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.axon.ProcessingNodes;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Starts rebuilds, runs the per-tenant ones in the background, follows the full ones, and keeps
 * their record ({@link RebuildRecords}). Durable: a per-tenant rebuild that a stop or crash cut off
 * starts again from the beginning when its node starts (removing and replaying the tenant's rows
 * again is safe); a full one continues by itself, since its processor's replay token is stored,
 * except that of a projection written in its commands' transactions, which has no processor and is
 * rebuilt tenant by tenant: that one starts again from the first tenant.
 */
@Service
class ProjectionRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    private final Projections projections;
    private final RebuildRecords records;
    private final TenantRebuild tenantRebuild;
    private final RebuildLocks locks;
    private final ProcessingNodes nodes;
    private final JdbcTemplate jdbc;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<EventStore> events;
    private final ObjectProvider<TokenStore> tokens;
    private final ExecutorService workers;

    ProjectionRebuilds(
            Projections projections,
            RebuildRecords records,
            TenantRebuild tenantRebuild,
            RebuildLocks locks,
            ProcessingNodes nodes,
            JdbcTemplate jdbc,
            ObjectProvider<EventProcessingConfiguration> processing,
            ObjectProvider<EventStore> events,
            ObjectProvider<TokenStore> tokens) {
        this.projections = projections;
        this.records = records;
        this.tenantRebuild = tenantRebuild;
        this.locks = locks;
        this.nodes = nodes;
        this.jdbc = jdbc;
        this.processing = processing;
        this.events = events;
        this.tokens = tokens;
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "projection-rebuild-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts a rebuild of {@code name}, for one tenant or (null) for every tenant. */
    ProjectionRebuildResponse start(String name, UUID tenant) {
        Projections.Projection projection = projections.named(name);
        if (tenant != null) {
            if (!projection.perTenant()) {
                throw new DomainException(
                        ErrorCode.INVALID_STATE,
                        "The projection " + name + " holds rows written in the platform's scope; it is rebuilt"
                                + " in full only.");
            }
            Boolean known = jdbc.queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM platform_tenants WHERE id = ?)", Boolean.class, tenant);
            if (!Boolean.TRUE.equals(known)) {
                throw new DomainException(ErrorCode.TENANT_NOT_FOUND, "The tenant does not exist.");
            }
        }
        UUID id = UUID.randomUUID();
        Long head = tenant == null ? headPosition() : null;
        if (!records.begin(id, name, tenant, nodes.self(), head)) {
            throw new DomainException(
                    ErrorCode.REBUILD_RUNNING,
                    tenant == null
                            ? "A rebuild of " + name + " is running; the full rebuild can start once it has finished."
                            : "A rebuild of " + name + " for this tenant (or in full) is running.");
        }
        if (tenant == null && locks.subscribing(name)) {
            submitTenantByTenant(id, projection);
        } else if (tenant == null) {
            startFull(id, name);
        } else {
            submit(id, projection, new TenantId(tenant));
        }
        return find(id);
    }

    ProjectionRebuildResponse find(UUID id) {
        RebuildRecords.Rebuild rebuild = records.find(id);
        if (rebuild == null) {
            throw new DomainException(ErrorCode.NOT_FOUND, "There is no such rebuild.");
        }
        return rebuild.response(Instant.now());
    }

    /** Per-tenant rebuilds this node was running when it stopped start again. */
    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        for (RebuildRecords.Rebuild rebuild : records.running(nodes.self(), false)) {
            Projections.Projection projection = projections.all().get(rebuild.projection());
            if (projection == null) {
                records.failed(rebuild.id(), "the projection " + rebuild.projection() + " no longer exists");
                continue;
            }
            records.restart(rebuild.id());
            submit(rebuild.id(), projection, new TenantId(rebuild.tenant()));
        }
        for (RebuildRecords.Rebuild rebuild : records.running(nodes.self(), true)) {
            Projections.Projection projection = projections.all().get(rebuild.projection());
            if (projection != null && locks.subscribing(projection.name())) {
                records.restart(rebuild.id());
                submitTenantByTenant(rebuild.id(), projection);
            }
        }
    }

    /** Follows this node's full rebuilds: the processor's position against the head, until caught up. */
    @Scheduled(fixedDelayString = "${app.rebuild.progress-interval:PT1S}")
    void followFullRebuilds() {
        for (RebuildRecords.Rebuild rebuild : records.running(nodes.self(), true)) {
            if (locks.subscribing(rebuild.projection())) {
                continue; // rebuilt tenant by tenant, with no processor to follow
            }
            try {
                follow(rebuild);
            } catch (RuntimeException e) {
                log.warn("could not follow the full rebuild {} of {}", rebuild.id(), rebuild.projection(), e);
            }
        }
    }

    @PreDestroy
    void stop() {
        workers.shutdownNow();
    }

    private void submit(UUID id, Projections.Projection projection, TenantId tenant) {
        workers.submit(() -> {
            try {
                tenantRebuild.run(projection, tenant, (replayed, position) -> records.progress(id, replayed, position));
                records.completed(id);
                log.info("rebuilt {} for tenant {}", projection.name(), tenant);
            } catch (InterruptedException e) {
                // Stopping: the record stays running and the rebuild starts again with the node.
                Thread.currentThread().interrupt();
            } catch (Exception | Error e) {
                if (workers.isShutdown()) {
                    return;
                }
                log.warn("the rebuild of {} for tenant {} failed", projection.name(), tenant, e);
                records.failed(id, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        });
    }

    /**
     * A subscribing projection has no processor to reset: it is rebuilt in full as every tenant's
     * rebuild in turn, each of them while that tenant's commands go on ({@link TenantRebuild}).
     */
    private void submitTenantByTenant(UUID id, Projections.Projection projection) {
        workers.submit(() -> {
            try {
                records.positions(id, 0L, 0L, null);
                long replayed = 0;
                for (UUID tenant : jdbc.queryForList("SELECT id FROM platform_tenants ORDER BY id", UUID.class)) {
                    long before = replayed;
                    replayed += tenantRebuild.run(
                            projection,
                            new TenantId(tenant),
                            (n, position) -> records.progress(id, before + n, position));
                }
                records.progress(id, replayed, headPosition());
                records.completed(id);
                log.info("rebuilt {} in full, tenant by tenant", projection.name());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception | Error e) {
                if (workers.isShutdown()) {
                    return;
                }
                log.warn("the full rebuild of {} failed", projection.name(), e);
                records.failed(id, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            }
        });
    }

    /** What exists for a full rebuild: the processor is reset (its reset handlers empty the tables) and replays. */
    private void startFull(UUID id, String name) {
        try {
            StreamingEventProcessor processor = processor(name);
            processor.shutDown();
            try {
                processor.resetTokens();
            } finally {
                processor.start();
            }
            records.positions(id, 0L, 0L, null);
        } catch (RuntimeException e) {
            log.warn("the full rebuild of {} could not start", name, e);
            records.failed(id, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    /**
     * A full rebuild is done when every segment of the processor has reached the head the store had
     * when it started. Its start position is written once the processor was reset and started again
     * ({@link #startFull}); until then the status is still the old processor's. Whether a segment
     * still says it is replaying does not matter: Axon leaves a segment "replaying" at the head until
     * the next event arrives, which on a quiet store may be never.
     */
    private void follow(RebuildRecords.Rebuild rebuild) {
        if (rebuild.startPosition() == null) {
            return;
        }
        StreamingEventProcessor processor = processor(rebuild.projection());
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return;
        }
        long position = Long.MAX_VALUE;
        for (EventTrackerStatus segment : status.values()) {
            OptionalLong at = segment.getCurrentPosition();
            position = Math.min(position, at.orElse(0));
            if (segment.isErrorState()) {
                records.failed(
                        rebuild.id(),
                        "the processor stopped on an error: "
                                + (segment.getError() == null
                                        ? "unknown"
                                        : segment.getError().getMessage()));
                return;
            }
        }
        records.positions(rebuild.id(), null, position, null);
        long head = rebuild.headPosition() == null ? 0 : rebuild.headPosition();
        int segments = tokens.getObject().fetchSegments(rebuild.projection()).length;
        if (status.size() == segments && position >= head) {
            records.completed(rebuild.id());
            log.info("rebuilt {} in full", rebuild.projection());
        }
    }

    private StreamingEventProcessor processor(String name) {
        return processing
                .getObject()
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no processor " + name));
    }

    private Long headPosition() {
        return events.getObject().createHeadToken() == null
                ? 0L
                : events.getObject().createHeadToken().position().orElse(0);
    }
}
