package dev.tenantcore.infra.events;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.automations.PublicEvent;
import dev.tenantcore.api.automations.PublicEventType;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.infra.audit.StoredEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.stereotype.Component;

/**
 * Builds the envelope of a published event ({@link PublicEvent}) from either place an event is met:
 * a message in an event processor, or a row of the tenant's stored history (dry runs, replays). Both
 * give the same envelope for the same event: the id is the stored event's, {@code data} its payload
 * as the event store's JSON, {@code position} its global index.
 */
@Component
public class PublicEvents {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final ObjectMapper json;

    public PublicEvents(ObjectMapper json) {
        this.json = json;
    }

    /**
     * The envelope of an event an event processor handles; empty when the catalogue does not publish
     * its type or the event belongs to no tenant.
     */
    public Optional<PublicEvent> of(EventMessage<?> event) {
        Optional<PublicEventType> type = typeOf(event);
        UUID tenant = tenantOf(event);
        if (type.isEmpty() || tenant == null) {
            return Optional.empty();
        }
        String aggregateType = null;
        String aggregateId = null;
        if (event instanceof DomainEventMessage<?> domain) {
            aggregateType = wireName(domain.getType());
            aggregateId = domain.getAggregateIdentifier();
        }
        long position = -1;
        if (event instanceof TrackedEventMessage<?> tracked) {
            position = positionOf(tracked.trackingToken());
        }
        return Optional.of(new PublicEvent(
                UUID.fromString(event.getIdentifier()),
                type.get(),
                PublicEvent.ENVELOPE_VERSION,
                event.getTimestamp(),
                tenant,
                aggregateType,
                aggregateId,
                position,
                json.convertValue(event.getPayload(), MAP)));
    }

    /**
     * The envelope of one event of a tenant's stored history ({@link
     * dev.tenantcore.infra.audit.TenantEventLog}); empty when the catalogue does not publish its type.
     */
    public Optional<PublicEvent> of(StoredEvent stored, UUID tenant) {
        Optional<PublicEventType> type = typeNamed(stored.payloadType());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PublicEvent(
                    UUID.fromString(stored.eventId()),
                    type.get(),
                    PublicEvent.ENVELOPE_VERSION,
                    Instant.parse(stored.timestamp()),
                    tenant,
                    wireName(stored.aggregateType()),
                    stored.aggregateId(),
                    stored.globalIndex(),
                    json.readValue(stored.payload(), MAP)));
        } catch (IOException e) {
            throw new UncheckedIOException("stored event " + stored.eventId() + " is not JSON", e);
        }
    }

    /**
     * The type {@code event} is published as, if any: known without building its envelope, so that a
     * reader can ask first whether anyone receives that type (building it converts the payload).
     */
    public static Optional<PublicEventType> typeOf(EventMessage<?> event) {
        return PublicEventType.forEvent(event.getPayloadType());
    }

    /** The tenant whose event {@code event} is, from its metadata; null for the platform's. */
    public static UUID tenantOf(EventMessage<?> event) {
        return tenantOf(event.getMetaData().get(MetadataKeys.TENANT_ID));
    }

    /** The catalogue entry whose event class has this stored payload type (a class name). */
    public static Optional<PublicEventType> typeNamed(String payloadType) {
        for (PublicEventType type : PublicEventType.values()) {
            if (type.eventClass().getName().equals(payloadType)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** {@code ChannelConnection} → {@code channel-connection}, as the audit endpoints name aggregates. */
    static String wireName(String aggregateType) {
        return aggregateType == null
                ? null
                : aggregateType.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static UUID tenantOf(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value.toString());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static long positionOf(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
