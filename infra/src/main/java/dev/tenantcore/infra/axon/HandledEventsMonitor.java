package dev.tenantcore.infra.axon;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.annotation.Nonnull;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

/**
 * An event processor's metrics ({@code eventProcessor_*}) for the event types it has a handler for.
 *
 * <p>Every tracking processor reads every event of the store, and Axon reports each one to the
 * processor's monitors, the events it ignores included. Axon's Micrometer monitors look their
 * meters up in the registry by name and tags for every event (a dozen lookups per event and
 * processor), and with some thirty processors reading one stream that was a third of their CPU
 * (bench/profile.sh), spent counting events no handler of the processor takes. Such an event now
 * goes to none of them; a type the processor handles is counted, timed and ignored (another
 * segment's, a tenant without receivers) as before. A processor's lag is
 * {@code tenantcore_processor_lag_events}, which does not depend on this.
 */
final class HandledEventsMonitor implements MessageMonitor<EventMessage<?>> {

    private final MessageMonitor<? super EventMessage<?>> metrics;
    private final Supplier<EventHandlerInvoker> invoker;
    private final Map<Class<?>, Boolean> handledTypes = new ConcurrentHashMap<>();

    /**
     * @param invoker the processor's handlers, or null while the processor is being built (the
     *     monitor is made before it): every event is reported until they are known
     */
    HandledEventsMonitor(MessageMonitor<? super EventMessage<?>> metrics, Supplier<EventHandlerInvoker> invoker) {
        this.metrics = metrics;
        this.invoker = invoker;
    }

    @Override
    public MonitorCallback onMessageIngested(@Nonnull EventMessage<?> message) {
        return handles(message.getPayloadType())
                ? metrics.onMessageIngested(message)
                : NoOpMessageMonitorCallback.INSTANCE;
    }

    private boolean handles(Class<?> payloadType) {
        Boolean known = handledTypes.get(payloadType);
        if (known != null) {
            return known;
        }
        EventHandlerInvoker handlers = invoker.get();
        if (handlers == null) {
            return true;
        }
        boolean handled = handlers.canHandleType(payloadType);
        handledTypes.put(payloadType, handled);
        return handled;
    }
}
