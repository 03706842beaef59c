package dev.tenantcore.query.rebuild;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.audit.EventFilter;
import dev.tenantcore.infra.audit.StoredEvent;
import dev.tenantcore.infra.audit.TenantEventLog;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.query.support.ReadModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One tenant's rows of one projection, rebuilt from that tenant's events while the projection's
 * live processor keeps serving every other tenant.
 *
 * <ol>
 *   <li>The live processor starts setting the tenant's events of the projection aside ({@link
 *       RebuildHolds}), and the rebuild waits for those it had already let through to commit.
 *   <li>The projection's own reset handlers run with the tenant's scope ({@link
 *       ReadModel#resetTenant}): they remove that tenant's rows of exactly the tables they would
 *       empty in a full reset, through the owner-level {@code delete_tenant_read_rows} (V50).
 *   <li>The tenant's stream ({@code tenant_event_page}, V56: an index range a page) is read in global order, a
 *       page at a time, each page deserialized through the serializer and its upcasters and applied
 *       to the projection's own {@code @EventHandler}s in one transaction, until a page comes back
 *       empty.
 *   <li>Under the hold's lock, the events the live processor set aside that the rebuild did not
 *       read (committed late, under a position it had passed) are applied, and the tenant is handed
 *       back to the live processor. What the rebuild applied and the live processor applies again
 *       changes nothing: projection writes are idempotent.
 * </ol>
 *
 * A subscribing projection, written in the commands' own transactions on every node, is held off
 * by advisory locks in the database instead ({@link RebuildLocks}): its commands leave the tenant's
 * events to the rebuild and note their positions; once they have ended, the rebuild reads the stream
 * a second time from the lowest position noted (not at all if none was).
 *
 * <p>The result is the rows a clean replay of the tenant's history gives. A failure leaves the tenant's
 * rows of the projection incomplete until a rebuild is run again; a restart runs it again.
 */
@Component
class TenantRebuild {

    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CLAIM_WAIT = Duration.ofSeconds(30);

    /** Told of the progress after each page: events replayed so far, last global position. */
    interface Progress {
        void advanced(long replayed, long position);
    }

    private final RebuildHolds holds;
    private final RebuildLocks locks;
    private final TenantEventLog log;
    private final ReadModel store;
    private final TenantAwareTransactionManager transactions;
    private final TransactionTemplate writes;
    private final ObjectProvider<Configuration> axon;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final ObjectProvider<TokenStore> tokens;
    private final int batchSize;

    TenantRebuild(
            RebuildHolds holds,
            RebuildLocks locks,
            TenantEventLog log,
            ReadModel store,
            TenantAwareTransactionManager transactions,
            ObjectProvider<Configuration> axon,
            ObjectProvider<EventProcessingConfiguration> processing,
            ObjectProvider<TokenStore> tokens,
            @Value("${app.rebuild.batch-size:1000}") int batchSize) {
        this.holds = holds;
        this.locks = locks;
        this.log = log;
        this.store = store;
        this.transactions = transactions;
        this.writes = new TransactionTemplate(transactions);
        this.axon = axon;
        this.processing = processing;
        this.tokens = tokens;
        this.batchSize = batchSize;
    }

    /** Rebuilds {@code tenant}'s rows of {@code projection}; returns the events replayed. */
    long run(Projections.Projection projection, TenantId tenant, Progress progress) throws Exception {
        if (locks.subscribing(projection.name())) {
            return runBesideCommands(projection, tenant, progress);
        }
        awaitEverySegmentHere(projection.name());
        RebuildHolds.Hold hold = holds.hold(projection.name(), tenant.toString());
        if (hold == null) {
            throw new IllegalStateException("a rebuild of " + projection.name() + " for this tenant runs already");
        }
        try (var scope = TenantContext.enter(tenant, null)) {
            holds.awaitDrained(projection.name(), tenant.toString(), DRAIN_TIMEOUT);
            writes.executeWithoutResult(status -> store.resetTenant(tenant, projection::reset));
            Set<Long> applied = new HashSet<>();
            long replayed = replay(projection, applied, 0, 0, progress);
            hold.release(setAside -> writes.executeWithoutResult(status -> setAside.stream()
                    .filter(e -> position(e) < 0 || !applied.contains(position(e)))
                    .sorted(Comparator.comparingLong(TenantRebuild::position))
                    .forEach(e -> apply(projection, e))));
            return replayed;
        } finally {
            holds.end(hold);
        }
    }

    /**
     * A subscribing projection is written by the commands themselves, on every node: their writes of
     * the tenant's rows stop at the rebuild lock ({@link RebuildLocks}) and leave the events to the
     * rebuild, noting where they are. Once those commands have ended, the rebuild reads the tenant's
     * stream a second time from the first of them: the events it has read since, it skips. Notes left
     * by a rebuild that stopped halfway are dropped as this one begins (its first pass reads all).
     */
    private long runBesideCommands(Projections.Projection projection, TenantId tenant, Progress progress)
            throws Exception {
        try (var scope = TenantContext.enter(tenant, null);
                RebuildLocks.Lease lease = locks.rebuilding(projection.name(), tenant)) {
            writes.executeWithoutResult(status -> {
                locks.forgetLeftToTheRebuild(projection.name(), tenant);
                store.resetTenant(tenant, projection::reset);
            });
            Set<Long> applied = new HashSet<>();
            long replayed = replay(projection, applied, 0, 0, progress);
            lease.handBack();
            Long first = writes.execute(status -> locks.firstLeftToTheRebuild(projection.name(), tenant));
            if (first == null) {
                return replayed;
            }
            replayed = replay(projection, applied, replayed, first - 1, progress);
            writes.executeWithoutResult(status -> locks.forgetLeftToTheRebuild(projection.name(), tenant));
            return replayed;
        }
    }

    /**
     * Applies the tenant's stream after position {@code from}, a page per transaction, skipping the
     * events in {@code applied} and adding those it applies; returns {@code replayed} plus the events
     * it applied.
     */
    private long replay(
            Projections.Projection projection, Set<Long> applied, long replayed, long from, Progress progress) {
        long last = from;
        while (true) {
            List<StoredEvent> page = new ArrayList<>(batchSize);
            long after = last;
            writes.executeWithoutResult(status -> {
                // A failed rebuild is run again: its commits need not wait for the disk.
                transactions.commitAsynchronously();
                log.stream(new EventFilter(null, null, null, null, null, after), batchSize, page::add);
                List<TrackedEventMessage<?>> events = deserialize(page.stream()
                        .filter(event -> !applied.contains(event.globalIndex()))
                        .toList());
                Runnable applyAll = () -> events.forEach(event -> apply(projection, event));
                if (projection.batched()) {
                    store.batched(applyAll);
                } else {
                    applyAll.run();
                }
            });
            if (page.isEmpty()) {
                return replayed;
            }
            for (StoredEvent event : page) {
                if (applied.add(event.globalIndex())) {
                    replayed++;
                }
            }
            last = page.get(page.size() - 1).globalIndex();
            progress.advanced(replayed, last);
        }
    }

    /**
     * The hold is this node's: it covers the live processor only where this node processes every
     * segment of it (one node, or several with the segments on this one).
     */
    private void awaitEverySegmentHere(String name) throws InterruptedException {
        StreamingEventProcessor processor = processing
                .getObject()
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no processor " + name));
        Instant until = Instant.now().plus(CLAIM_WAIT);
        while (true) {
            int[] segments = tokens.getObject().fetchSegments(name);
            Set<Integer> here = processor.processingStatus().keySet();
            boolean all = segments.length > 0;
            for (int segment : segments) {
                all &= here.contains(segment);
            }
            if (all) {
                return;
            }
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("this node does not process every segment of " + name
                        + ": start the rebuild where it does (or with one node)");
            }
            Thread.sleep(100);
        }
    }

    private List<TrackedEventMessage<?>> deserialize(List<StoredEvent> page) {
        Configuration configuration = axon.getObject();
        List<TrackedEventData<?>> data = new ArrayList<>(page.size());
        for (StoredEvent event : page) {
            data.add(new TrackedDomainEventData<>(
                    GapAwareTrackingToken.newInstance(event.globalIndex(), List.of()),
                    new GenericDomainEventEntry<>(
                            event.aggregateType(),
                            event.aggregateId(),
                            event.sequence(),
                            event.eventId(),
                            event.timestamp(),
                            event.payloadType(),
                            event.revision(),
                            event.payload(),
                            event.metaData())));
        }
        return EventUtils.upcastAndDeserializeTrackedEvents(
                        data.stream(), configuration.eventSerializer(), configuration.upcasterChain())
                .toList();
    }

    private static void apply(Projections.Projection projection, EventMessage<?> event) {
        try {
            projection.apply(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long position(TrackedEventMessage<?> event) {
        return event.trackingToken().position().orElse(-1);
    }
}
