package dev.tenantcore.infra.axon;

import javax.annotation.Nonnull;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

/**
 * An event processor's metrics ({@code eventProcessor_*}) for the events it handles, not for every
 * event it reads past.
 *
 * <p>Every tracking processor reads every event of the store, and Axon reports each one to the
 * processor's monitors, the events it ignores included: those of types it has no handler for, of
 * another segment, of a tenant nobody receives them for ({@code @WhenReceived}). Axon's Micrometer
 * monitors looked their meters up in the registry by name and tags for every event (now resolved
 * once per payload type, {@link CachedMetricsMonitor}), a dozen lookups per event and processor; with some thirty processors on one stream that was a third of their CPU
 * (bench/profile.sh), spent counting events no handler took, and for the subscribing processors
 * in the request's own thread. A processor reports an event it handles from within that event's
 * unit of work; one it ignores ({@code AbstractEventProcessor.reportIgnored}) outside any unit of
 * work (tracking) or within the unit of work that published it (subscribing). Those now reach no
 * meter, so there is no {@code ignoredCounter} or {@code ignoredTimer}. How far a processor is behind is
 * {@code tenantcore_processor_lag_events}, which does not depend on these reports.
 */
final class HandledEventsMonitor implements MessageMonitor<EventMessage<?>> {

    private final MessageMonitor<? super EventMessage<?>> metrics;

    HandledEventsMonitor(MessageMonitor<? super EventMessage<?>> metrics) {
        this.metrics = metrics;
    }

    @Override
    public MonitorCallback onMessageIngested(@Nonnull EventMessage<?> message) {
        boolean handling =
                CurrentUnitOfWork.isStarted() && CurrentUnitOfWork.get().getMessage() == message;
        return handling ? metrics.onMessageIngested(message) : NoOpMessageMonitorCallback.INSTANCE;
    }
}
