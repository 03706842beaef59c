package dev.tenantcore.infra.axon;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-runs a command whose events the event store refused because another node appended to the
 * same aggregate first (the unique key on aggregate and sequence number: Axon's {@link
 * ConcurrencyException}). The failed unit of work has rolled back and the caching repository has
 * evicted the aggregate, so the retry loads it fresh from the store and decides on that state: a
 * client's stale {@code If-Match} then gets its 412, a command that is no longer allowed its refusal.
 *
 * <p>The retry runs at once, on the dispatching thread: the request's tenant, user and idempotency
 * claim stay bound to it, and the caller's {@code sendAndWait} sees only the final answer. A stream
 * that already exists at creation is not retried (the same command would fail the same way), nor is
 * anything else, nor a command dispatched inside another unit of work (Axon does not retry those).
 */
public final class StoreConflictRetries implements RetryScheduler {

    private static final Logger log = LoggerFactory.getLogger(StoreConflictRetries.class);

    private final int maxRetries;
    private final AtomicLong retried = new AtomicLong();

    public StoreConflictRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    @Override
    public boolean scheduleRetry(
            CommandMessage commandMessage,
            RuntimeException lastFailure,
            List<Class<? extends Throwable>[]> failures,
            Runnable commandDispatch) {
        if (!isStoreConflict(lastFailure) || failures.size() > maxRetries) {
            return false;
        }
        log.debug(
                "{} met another node's append; retry {} of {} on the stored state",
                commandMessage.getCommandName(),
                failures.size(),
                maxRetries);
        retried.incrementAndGet();
        commandDispatch.run();
        return true;
    }

    /** How many commands this node has re-run after another node's append. */
    public long retried() {
        return retried.get();
    }

    static boolean isStoreConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateStreamCreationException) {
                return false;
            }
            if (t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
