package dev.tenantcore.command.audit;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.tenantcore.api.audit.AggregateStateResponse;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.springframework.stereotype.Component;

/**
 * An aggregate as it was, rebuilt by its own event-sourcing handlers from its stored events up to a
 * point, in memory: the aggregate is published nowhere (no event bus, no repository, no snapshot),
 * so the replay changes nothing and runs none of the command side's lookups, which only command
 * handlers call. This answers for every aggregate type with the very code that decides commands,
 * instead of a second model of each that could drift from it. Events come from the event store
 * from the first one, never from a snapshot (a snapshot holds only the latest state), through the
 * serializer and its upcasters.
 */
@Component
class AggregateStates {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final EventStore events;
    private final AuditedAggregates aggregates;
    private final ObjectMapper fields;

    AggregateStates(EventStore events, AuditedAggregates aggregates, ObjectMapper json) {
        this.events = events;
        this.aggregates = aggregates;
        // The aggregate's own fields, as its handlers set them: aggregates have no getters.
        this.fields = json.copy()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    /**
     * The state of {@code aggregateId} after its last event at or before {@code asOf} (or with a
     * sequence number at most {@code version}); {@code 404} when the aggregate is not the tenant's
     * or did not exist yet then.
     */
    AggregateStateResponse stateOf(
            AuditedAggregates.Audited audited, String aggregateId, TenantId tenant, Instant asOf, Long version) {
        List<DomainEventMessage<?>> upTo = new ArrayList<>();
        DomainEventStream stream = events.readEvents(aggregateId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (!audited.storedType().equals(event.getType()) || !belongsTo(event, tenant, aggregateId)) {
                throw notFound();
            }
            if ((asOf != null && event.getTimestamp().isAfter(asOf))
                    || (version != null && event.getSequenceNumber() > version)) {
                break;
            }
            upTo.add(event);
        }
        if (upTo.isEmpty()) {
            throw notFound();
        }
        EventSourcedAggregate<?> aggregate = replay(audited.type(), upTo);
        DomainEventMessage<?> last = upTo.get(upTo.size() - 1);
        Map<String, Object> state = AuditEvents.withheld(fields.convertValue(aggregate.getAggregateRoot(), MAP));
        return new AggregateStateResponse(
                audited.wireName(),
                aggregateId,
                last.getSequenceNumber(),
                last.getTimestamp(),
                aggregate.isDeleted(),
                state);
    }

    private <T> EventSourcedAggregate<T> replay(Class<T> type, List<DomainEventMessage<?>> upTo) {
        AggregateModel<T> model = aggregates.model(type);
        T root = new GenericAggregateFactory<>(model)
                .createAggregateRoot(upTo.get(0).getAggregateIdentifier(), upTo.get(0));
        EventSourcedAggregate<T> aggregate =
                EventSourcedAggregate.initialize(root, model, null, NoSnapshotTriggerDefinition.TRIGGER);
        aggregate.initializeState(DomainEventStream.of(upTo));
        return aggregate;
    }

    /** The rule of the {@code tenant_event_log} view, for events read through Axon's store. */
    private static boolean belongsTo(DomainEventMessage<?> event, TenantId tenant, String aggregateId) {
        Object owner = event.getMetaData().get(MetadataKeys.TENANT_ID);
        if (owner != null && tenant.value().toString().equals(owner.toString())) {
            return true;
        }
        return "Tenant".equals(event.getType()) && tenant.value().toString().equals(aggregateId);
    }

    private static DomainException notFound() {
        return new DomainException(ErrorCode.NOT_FOUND, "The aggregate does not exist.");
    }
}
