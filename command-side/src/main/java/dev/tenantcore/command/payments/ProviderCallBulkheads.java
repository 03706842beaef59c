package dev.tenantcore.command.payments;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Bulkheads for provider calls on this node: at most so many calls of one tenant at a time, and so
 * many in all. A tenant whose provider hangs fills its own few places and no more, so the others'
 * calls still find a thread. Never blocks: a call that finds no place is put off by its caller.
 */
final class ProviderCallBulkheads {

    private final int perTenant;
    private final Semaphore total;
    /** Calls running per tenant; a tenant with none has no entry, so the map stays small. */
    private final Map<String, Integer> running = new ConcurrentHashMap<>();

    ProviderCallBulkheads(int perTenant, int total) {
        this.perTenant = perTenant;
        this.total = new Semaphore(total);
    }

    /** A place for one call of {@code tenantId}, to be closed when it ends; empty when none is free. */
    Optional<Place> enter(String tenantId) {
        if (!total.tryAcquire()) {
            return Optional.empty();
        }
        boolean[] admitted = {false};
        running.compute(tenantId, (tenant, calls) -> {
            int now = calls == null ? 0 : calls;
            if (now >= perTenant) {
                return calls;
            }
            admitted[0] = true;
            return now + 1;
        });
        if (!admitted[0]) {
            total.release();
            return Optional.empty();
        }
        return Optional.of(new Place(tenantId));
    }

    /** How many calls of {@code tenantId} hold a place now. */
    int running(String tenantId) {
        return running.getOrDefault(tenantId, 0);
    }

    final class Place implements AutoCloseable {

        private final String tenantId;
        private boolean closed;

        private Place(String tenantId) {
            this.tenantId = tenantId;
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            running.computeIfPresent(tenantId, (tenant, calls) -> calls <= 1 ? null : calls - 1);
            total.release();
        }
    }
}
