package dev.tenantcore.query.support;

import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * A tenant's event history as the event store would hand it out: each aggregate's events numbered
 * from 0, stamped with the tenant (and the acting user, when there is one) in their metadata, at
 * fixed instants so that a replay writes exactly the same rows.
 */
public final class History {

    private static final Instant START = Instant.parse("2026-01-01T09:00:00Z");

    private final TenantId tenant;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<DomainEventMessage<?>> events = new ArrayList<>();
    private UUID user;

    public History(TenantId tenant) {
        this.tenant = tenant;
    }

    public TenantId tenant() {
        return tenant;
    }

    /** Events from here on carry this acting user. */
    public History by(UUID user) {
        this.user = user;
        return this;
    }

    /** The next events of one aggregate, in order. */
    public History of(Object aggregateId, Object... payloads) {
        for (Object payload : payloads) {
            add(aggregateId, payload, START.plusSeconds(events.size()));
        }
        return this;
    }

    /** The next event of one aggregate, at a chosen time (for projections that measure time). */
    public History at(Instant when, Object aggregateId, Object payload) {
        add(aggregateId, payload, when);
        return this;
    }

    private void add(Object aggregateId, Object payload, Instant timestamp) {
        String id = aggregateId.toString();
        long sequence = nextSequence.merge(id, 1L, Long::sum) - 1;
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(MetadataKeys.TENANT_ID, tenant.toString());
        if (user != null) {
            metaData.put(MetadataKeys.USER_ID, user.toString());
        }
        events.add(new GenericDomainEventMessage<>(
                payload.getClass().getSimpleName(),
                id,
                sequence,
                payload,
                metaData,
                UUID.randomUUID().toString(),
                timestamp));
    }

    public List<DomainEventMessage<?>> events() {
        return List.copyOf(events);
    }
}
