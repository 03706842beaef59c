package dev.tenantcore.infra.axon;

import static org.axonframework.micrometer.TagsUtil.PAYLOAD_TYPE_TAG;
import static org.axonframework.micrometer.TagsUtil.PROCESSOR_NAME_TAG;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import javax.annotation.Nonnull;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.reservoir.SlidingTimeWindowReservoir;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryUpdateEmitter;

/**
 * Axon's Micrometer metrics ({@code commandBus_*}, {@code eventStore_*}, {@code queryBus_*}, {@code
 * queryUpdateEmitter_*}, {@code eventProcessor_*}) with each payload type's meters resolved once.
 *
 * <p>Axon's monitors ({@code MessageTimerMonitor}, {@code CapacityMonitor}, {@code
 * MessageCountingMonitor}, {@code EventProcessorLatencyMonitor}) ask the registry for their meters by
 * name and tags on every message, a constant tags function or not: nine to eleven lookups per
 * message, each with its tags built and sorted, a sliding window made and thrown away for the
 * capacity, and for an event the latency gauge registered again, through Micrometer's
 * double-registration check. In CPU profiles (JFR) of a PATCH load that was about a fifth of the
 * event processors' CPU and 3 % of the request threads' (command bus, event publication, query bus).
 * The meters of a payload type never change, so they are resolved at its first message and kept:
 * the same names, tags, meter types, percentiles and values as Axon's own monitors from {@link
 * GlobalMetricRegistry#registerComponentWithDefaultTags}, without the lookups. A processor's latency
 * gauge is registered at its first event and then only set. Components of another type are left to
 * Axon.
 */
final class CachedMetricsMonitor implements MessageMonitor<Message<?>> {

    private static final String EVENT_PROCESSOR = "eventProcessor";
    /** Axon's: timers keep percentiles over ten minutes, capacity is the busy share of ten minutes. */
    private static final Duration WINDOW = Duration.ofMinutes(10);

    private static final double[] PERCENTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};
    /** Payload types are this application's classes; past this many, a type's meters are found by its tags. */
    private static final int MAX_PAYLOAD_TYPES = 2048;

    /** Which of Axon's monitors a component has, as {@link GlobalMetricRegistry} composes them. */
    private enum Shape {
        /** Command bus, query bus, update emitter: timers, capacity, counters, all by payload type. */
        HANDLING,
        /** Timers by payload type, counters over all events. */
        EVENT_BUS,
        /** As {@link #HANDLING}, tagged with the processor, and the latency of the latest event. */
        EVENT_PROCESSOR
    }

    private final Shape shape;
    private final String prefix;
    private final Tags componentTags;
    private final MeterRegistry registry;
    private final Clock clock;
    private final ConcurrentMap<Class<?>, Meters> byPayloadType = new ConcurrentHashMap<>();
    private final ConcurrentMap<Tags, Meters> byTags = new ConcurrentHashMap<>();
    private volatile long latest;
    private volatile Gauge latency;

    private CachedMetricsMonitor(Shape shape, String prefix, Tags componentTags, MeterRegistry registry, Clock clock) {
        this.shape = shape;
        this.prefix = prefix;
        this.componentTags = componentTags;
        this.registry = registry;
        this.clock = clock;
    }

    /** What {@link GlobalMetricRegistry#registerComponentWithDefaultTags} gives a component, cached. */
    @SuppressWarnings("unchecked")
    static MessageMonitor<Message<?>> forComponent(Class<?> type, String name, GlobalMetricRegistry metrics) {
        MeterRegistry registry = metrics.getRegistry();
        if (EventProcessor.class.isAssignableFrom(type)) {
            return eventProcessor(name, registry, Clock.SYSTEM);
        }
        if (CommandBus.class.isAssignableFrom(type)) {
            return handling(name, registry, Clock.SYSTEM);
        }
        if (EventBus.class.isAssignableFrom(type)) {
            return eventBus(name, registry, Clock.SYSTEM);
        }
        if (QueryBus.class.isAssignableFrom(type) || QueryUpdateEmitter.class.isAssignableFrom(type)) {
            return handling(name, registry, Clock.SYSTEM);
        }
        return (MessageMonitor<Message<?>>) metrics.registerComponentWithDefaultTags(type, name);
    }

    /** An event processor's: {@code eventProcessor.*} tagged with {@code processorName}. */
    static CachedMetricsMonitor eventProcessor(String processorName, MeterRegistry registry, Clock clock) {
        return new CachedMetricsMonitor(
                Shape.EVENT_PROCESSOR, EVENT_PROCESSOR, Tags.of(PROCESSOR_NAME_TAG, processorName), registry, clock);
    }

    /** A bus's ({@code commandBus}, {@code queryBus}, {@code queryUpdateEmitter}), on the given clock. */
    static CachedMetricsMonitor handling(String name, MeterRegistry registry, Clock clock) {
        return new CachedMetricsMonitor(Shape.HANDLING, name, Tags.empty(), registry, clock);
    }

    /** The event bus's or store's, on the given clock. */
    static CachedMetricsMonitor eventBus(String name, MeterRegistry registry, Clock clock) {
        return new CachedMetricsMonitor(Shape.EVENT_BUS, name, Tags.empty(), registry, clock);
    }

    @Override
    public MonitorCallback onMessageIngested(@Nonnull Message<?> message) {
        Meters meters = meters(message.getPayloadType());
        if (shape == Shape.EVENT_PROCESSOR && message instanceof EventMessage<?> event) {
            seen(event);
        }
        meters.ingestedCounter.increment();
        return new Recording(meters, clock.monotonicTime());
    }

    private Meters meters(Class<?> payloadType) {
        Meters meters = byPayloadType.get(payloadType);
        if (meters == null) {
            // Two classes of one simple name share their series, as they do in Axon's monitors.
            meters = byTags.computeIfAbsent(
                    componentTags.and(PAYLOAD_TYPE_TAG, payloadType.getSimpleName()), this::register);
            if (byPayloadType.size() < MAX_PAYLOAD_TYPES) {
                byPayloadType.put(payloadType, meters);
            }
        }
        return meters;
    }

    private Meters register(Tags tags) {
        Tags counted = shape == Shape.EVENT_BUS ? Tags.empty() : tags;
        SlidingTimeWindowReservoir window = null;
        if (shape != Shape.EVENT_BUS) {
            window = new SlidingTimeWindowReservoir(WINDOW.toNanos(), TimeUnit.NANOSECONDS, clock);
            Gauge.builder(prefix + ".capacity", window, CachedMetricsMonitor::capacity)
                    .tags(tags)
                    .register(registry);
        }
        return new Meters(
                timer("allTimer", tags),
                timer("successTimer", tags),
                timer("failureTimer", tags),
                timer("ignoredTimer", tags),
                window,
                registry.counter(prefix + ".ingestedCounter", counted),
                registry.counter(prefix + ".successCounter", counted),
                registry.counter(prefix + ".failureCounter", counted),
                registry.counter(prefix + ".processedCounter", counted),
                registry.counter(prefix + ".ignoredCounter", counted));
    }

    private Timer timer(String name, Tags tags) {
        return Timer.builder(prefix + "." + name)
                .distributionStatisticExpiry(WINDOW)
                .publishPercentiles(PERCENTILES)
                .tags(tags)
                .register(registry);
    }

    private static double capacity(SlidingTimeWindowReservoir window) {
        long busy = 0;
        for (long duration : window.getMeasurements()) {
            busy += duration;
        }
        return (double) busy / WINDOW.toNanos();
    }

    /** The latest event's age when it reached the processor, as Axon's latency monitor sets it. */
    private void seen(EventMessage<?> event) {
        latest = clock.wallTime() - event.getTimestamp().toEpochMilli();
        if (latency == null) {
            latency = Gauge.builder(EVENT_PROCESSOR + ".latency", this, monitor -> monitor.latest)
                    .tags(componentTags)
                    .strongReference(true)
                    .register(registry);
        }
    }

    /** Named after Axon's meters; {@code window} is the capacity's, absent for the event bus. */
    private record Meters(
            Timer allTimer,
            Timer successTimer,
            Timer failureTimer,
            Timer ignoredTimer,
            SlidingTimeWindowReservoir window,
            Counter ingestedCounter,
            Counter successCounter,
            Counter failureCounter,
            Counter processedCounter,
            Counter ignoredCounter) {}

    private final class Recording implements MonitorCallback {

        private final Meters meters;
        private final long start;

        Recording(Meters meters, long start) {
            this.meters = meters;
            this.start = start;
        }

        @Override
        public void reportSuccess() {
            record(meters.successTimer);
            meters.processedCounter.increment();
            meters.successCounter.increment();
        }

        @Override
        public void reportFailure(Throwable cause) {
            record(meters.failureTimer);
            meters.processedCounter.increment();
            meters.failureCounter.increment();
        }

        @Override
        public void reportIgnored() {
            record(meters.ignoredTimer);
            meters.ignoredCounter.increment();
        }

        /** Into the outcome's timer, {@code allTimer} and the capacity's window, as Axon's timer and capacity monitors do. */
        private void record(Timer outcome) {
            long duration = clock.monotonicTime() - start;
            meters.allTimer.record(duration, TimeUnit.NANOSECONDS);
            outcome.record(duration, TimeUnit.NANOSECONDS);
            if (meters.window != null) {
                meters.window.update(duration);
            }
        }
    }
}
