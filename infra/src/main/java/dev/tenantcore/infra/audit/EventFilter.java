package dev.tenantcore.infra.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * Which of the tenant's events to stream; a null member does not filter. {@code type} is an event's
 * simple class name ({@code ProductCreatedEvent}), {@code aggregateType} the stored aggregate type
 * ({@code Product}); {@code after} is the global position to continue after.
 */
public record EventFilter(Instant from, Instant to, String type, UUID user, String aggregateType, long after) {}
