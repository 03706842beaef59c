package dev.tenantcore.infra.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tenantcore.api.automations.PublicEventType;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.persistence.PgNotifications;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which public event types one kind of receiver (webhook endpoints, automation rules) takes, per
 * tenant, kept in memory so that an event processor can tell, before it opens a transaction, that an
 * event has nobody to go to. Most events of most tenants have nobody; each of them cost its
 * processor a transaction of its own (the tenant set, the receivers looked up, the token moved) that
 * did nothing. With {@link WhenReceived} on the handler, the processor skips such an event the way it
 * skips one of a type it has no handler for.
 *
 * <p>A receiver's change reaches the index in two ways: on this node, {@link #changed()} drops the
 * tenant's entry once the changing transaction commits, before its response leaves; on every node, a
 * trigger on the receivers' table sends {@code NOTIFY} {@value #CHANNEL} with the tenant, which
 * {@link PgNotifications} delivers within milliseconds of the commit. An event appended on another
 * node within that window may still be skipped there: a receiver takes the events committed after
 * its change reached the node that processes them. A stale entry that says "receives" costs
 * nothing but the transaction: the handler still asks the table itself.
 */
public abstract class ReceiverIndex implements EventReceivers {

    public static final String CHANNEL = "event_receivers";

    /** Stands for "every type" in a loaded set (a webhook endpoint that subscribes to everything). */
    protected static final String EVERY_TYPE = "*";

    private final Cache<UUID, Set<String>> byTenant;
    private final TransactionTemplate reading;

    protected ReceiverIndex(PlatformTransactionManager transactions, PgNotifications notifications) {
        // Also expiring, so that a missed notification (a listener between two connections) heals.
        this.byTenant = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(Duration.ofMinutes(10))
                .build();
        this.reading = new TransactionTemplate(transactions);
        this.reading.setReadOnly(true);
        notifications.subscribe(CHANNEL, this::announced);
    }

    /**
     * The wire names of the public event types the current tenant's receivers of this kind take
     * ({@link #EVERY_TYPE} for all); runs in a read-only transaction of that tenant.
     */
    protected abstract Set<String> load();

    /** Whether the tenant may receive at all (a module switched off), asked before the table. */
    protected boolean admits(TenantId tenant) {
        return true;
    }

    /** Whether anything of the event's tenant takes it: false only when nothing does. */
    @Override
    public boolean receives(EventMessage<?> event) {
        Optional<PublicEventType> type = PublicEvents.typeOf(event);
        UUID tenant = PublicEvents.tenantOf(event);
        if (type.isEmpty() || tenant == null || !admits(new TenantId(tenant))) {
            return false;
        }
        Set<String> types = byTenant.getIfPresent(tenant);
        if (types == null) {
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                // Inside a processor's transaction (the handler's own check): its tenant may be another
                // event's, so no lookup here; the handler reads the table itself.
                return true;
            }
            types = byTenant.get(tenant, this::loadFor);
        }
        return types.contains(EVERY_TYPE) || types.contains(type.get().wireName());
    }

    /**
     * The current tenant's receivers of this kind change in the current transaction: this node
     * forgets what it knew of them once it commits.
     */
    public void changed() {
        TenantId tenant = TenantContext.current().orElse(null);
        if (tenant == null) {
            byTenant.invalidateAll();
        } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    byTenant.invalidate(tenant.value());
                }
            });
        } else {
            byTenant.invalidate(tenant.value());
        }
    }

    private Set<String> loadFor(UUID tenant) {
        try (var scope = TenantContext.enter(new TenantId(tenant), null)) {
            return Set.copyOf(reading.execute(status -> load()));
        }
    }

    private void announced(String tenant) {
        try {
            byTenant.invalidate(UUID.fromString(tenant));
        } catch (IllegalArgumentException e) {
            // A reconnect (empty payload) or anything unexpected: forget every tenant.
            byTenant.invalidateAll();
        }
    }
}
