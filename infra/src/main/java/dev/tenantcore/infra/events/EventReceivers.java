package dev.tenantcore.infra.events;

import org.axonframework.eventhandling.EventMessage;

/**
 * Tells an event processor, before it opens a unit of work for an event, whether anything on this
 * node takes the event: named by {@link WhenReceived} on a handler, it makes the processor read past
 * every event it answers {@code false} for, as it reads past one of a type it has no handler for.
 * Asked on the processor's thread for every event it reads, so an answer is a lookup in memory.
 */
public interface EventReceivers {

    /** False only when nothing takes the event; a stale {@code true} costs a handling that does nothing. */
    boolean receives(EventMessage<?> event);
}
