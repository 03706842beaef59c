package dev.tenantcore.query.rebuild;

import dev.tenantcore.api.common.MetadataKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Keeps the live processor of a projection off one tenant's rows while a per-tenant rebuild
 * rewrites them, without stopping it for anyone else.
 *
 * <p>The race it closes: the live processor keeps reading the event store during a rebuild, and
 * an event it applied to a row the rebuild had not caught up with yet would leave the row at a
 * version the rebuild then refuses to go back on (a versioned write applies only newer events),
 * missing the changes in between. So, from the moment a rebuild begins, the live processor's
 * handler interceptor (on every processor of this node) sets that tenant's events of that
 * projection aside instead of applying them ({@link Hold#setAside}); the rebuild replays the
 * tenant's stream to its end, then, under the hold's lock, applies whatever was set aside that it
 * had not read itself (an event committed late under a lower position) and releases the hold. After
 * that the live processor applies the tenant's events as before; those the rebuild already applied
 * change nothing the second time, as every projection's writes are idempotent.
 *
 * <p>Before removing any row the rebuild waits until the tenant's events the live processor had
 * already let through are committed ({@link #awaitDrained}), so no write of the live processor
 * lands after the removal. Holds are in this node's memory: the rebuild runs only on a node that
 * processes every segment of the projection (see {@link TenantRebuild}).
 */
@Component
class RebuildHolds implements ConfigurerModule {

    private final ConcurrentMap<String, Hold> holds = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    /** One tenant's events of one projection, held back from the live processor. */
    static final class Hold {
        private final String key;
        private final List<TrackedEventMessage<?>> setAside = new ArrayList<>();
        private boolean released;

        private Hold(String key) {
            this.key = key;
        }

        /** Whether the live processor must leave this event to the rebuild (which then has it). */
        synchronized boolean setAside(EventMessage<?> event) {
            if (released) {
                return false;
            }
            if (event instanceof TrackedEventMessage<?> tracked) {
                setAside.add(tracked);
            }
            return true;
        }

        /**
         * Hands the tenant back to the live processor: {@code last} runs (under the lock, so the live
         * processor waits for it) with what was set aside, before the hold lets events through again.
         */
        synchronized void release(java.util.function.Consumer<List<TrackedEventMessage<?>>> last) {
            try {
                last.accept(List.copyOf(setAside));
            } finally {
                released = true;
                setAside.clear();
            }
        }
    }

    @Override
    public void configureModule(Configurer configurer) {
        configurer.eventProcessing(processing ->
                processing.registerDefaultHandlerInterceptor((configuration, processor) -> interceptor(processor)));
    }

    /** Starts holding {@code tenant}'s events of {@code projection}; null when a hold exists already. */
    Hold hold(String projection, String tenant) {
        Hold hold = new Hold(key(projection, tenant));
        return holds.putIfAbsent(hold.key, hold) == null ? hold : null;
    }

    void end(Hold hold) {
        synchronized (hold) {
            hold.released = true;
            hold.setAside.clear();
        }
        holds.remove(hold.key, hold);
    }

    /**
     * Waits until no event of {@code tenant} that the live processor let through before the hold is
     * still uncommitted.
     */
    void awaitDrained(String projection, String tenant, Duration timeout) throws InterruptedException {
        AtomicInteger handling = inFlight.get(key(projection, tenant));
        Instant until = Instant.now().plus(timeout);
        while (handling != null && handling.get() > 0) {
            if (Instant.now().isAfter(until)) {
                throw new IllegalStateException("the live processor did not finish its batch in " + timeout);
            }
            Thread.sleep(10);
        }
    }

    private MessageHandlerInterceptor<EventMessage<?>> interceptor(String processor) {
        return (unitOfWork, chain) -> handle(processor, unitOfWork, chain);
    }

    private Object handle(String processor, UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        EventMessage<?> event = unitOfWork.getMessage();
        Object tenant = event.getMetaData().get(MetadataKeys.TENANT_ID);
        if (tenant == null) {
            return chain.proceed();
        }
        String key = key(processor, tenant.toString());
        // Counted before the hold is looked at: a rebuild that begins now either sees this event
        // counted (and waits for its commit) or this event sees its hold.
        AtomicInteger handling = inFlight.computeIfAbsent(key, k -> new AtomicInteger());
        handling.incrementAndGet();
        Hold hold = holds.get(key);
        if (hold != null && hold.setAside(event)) {
            handling.decrementAndGet();
            return null;
        }
        unitOfWork.onCleanup(u -> handling.decrementAndGet());
        return chain.proceed();
    }

    private static String key(String projection, String tenant) {
        return projection + "/" + tenant;
    }
}
