package dev.tenantcore.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.micrometer.TagsUtil.PAYLOAD_TYPE_TAG;
import static org.axonframework.micrometer.TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION;
import static org.axonframework.micrometer.TagsUtil.PROCESSOR_NAME_TAG;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Statistic;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.micrometer.CapacityMonitor;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitor;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.GenericSubscriptionQueryUpdateMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cached monitors against Axon's own, fed the same messages on two registries: Axon's monitors
 * built as {@link GlobalMetricRegistry} builds them (on the test's clock, for exact values), and
 * {@link GlobalMetricRegistry} itself (on the system's, for the series).
 */
@DisplayName("Axon's metrics with meters resolved once per payload type")
class CachedMetricsMonitorTest {

    record PlaceOrder(String id) {}

    record CancelOrder(String id) {}

    record OrderPlaced(String id) {}

    record OrderCancelled(String id) {}

    record FindOrder(String id) {}

    /** A payload type of the same simple name as another: Axon gives both one series. */
    static final class Elsewhere {
        record PlaceOrder(String id) {}

        record OrderPlaced(String id) {}
    }

    enum Outcome {
        SUCCESS,
        FAILURE,
        IGNORED
    }

    record Step(Message<?> message, Outcome outcome, long millis) {}

    /** Near the epoch, as the mock clock's time is also its monotonic time, which Axon's window multiplies. */
    private static final Instant T0 = Instant.EPOCH.plusSeconds(60);

    private static final List<Step> COMMANDS = List.of(
            new Step(GenericCommandMessage.asCommandMessage(new PlaceOrder("a")), Outcome.SUCCESS, 3),
            new Step(GenericCommandMessage.asCommandMessage(new CancelOrder("a")), Outcome.FAILURE, 5),
            new Step(GenericCommandMessage.asCommandMessage(new PlaceOrder("b")), Outcome.SUCCESS, 7),
            new Step(GenericCommandMessage.asCommandMessage(new Elsewhere.PlaceOrder("c")), Outcome.SUCCESS, 2),
            new Step(GenericCommandMessage.asCommandMessage(new CancelOrder("b")), Outcome.IGNORED, 1),
            new Step(GenericCommandMessage.asCommandMessage(new CancelOrder("c")), Outcome.SUCCESS, 11));

    private static final List<Step> EVENTS = List.of(
            new Step(event(new OrderPlaced("a"), T0), Outcome.SUCCESS, 2),
            new Step(event(new OrderCancelled("a"), T0.plusMillis(40)), Outcome.FAILURE, 4),
            new Step(event(new OrderPlaced("b"), T0.plusMillis(90)), Outcome.SUCCESS, 1),
            new Step(event(new Elsewhere.OrderPlaced("c"), T0.plusMillis(95)), Outcome.IGNORED, 3),
            new Step(event(new OrderCancelled("b"), T0.plusSeconds(2)), Outcome.SUCCESS, 6));

    private static final List<Step> QUERIES = List.of(
            new Step(
                    new GenericQueryMessage<>(new FindOrder("a"), ResponseTypes.instanceOf(String.class)),
                    Outcome.SUCCESS,
                    2),
            new Step(
                    new GenericQueryMessage<>(new FindOrder("b"), ResponseTypes.instanceOf(String.class)),
                    Outcome.FAILURE,
                    9),
            new Step(
                    new GenericQueryMessage<>(new PlaceOrder("?"), ResponseTypes.instanceOf(String.class)),
                    Outcome.SUCCESS,
                    1));

    private static final List<Step> UPDATES = List.of(
            new Step(new GenericSubscriptionQueryUpdateMessage<>(new OrderPlaced("a")), Outcome.SUCCESS, 1),
            new Step(new GenericSubscriptionQueryUpdateMessage<>(new OrderCancelled("a")), Outcome.FAILURE, 2),
            new Step(new GenericSubscriptionQueryUpdateMessage<>(new OrderPlaced("b")), Outcome.SUCCESS, 3));

    private static Message<?> event(Object payload, Instant timestamp) {
        return new GenericEventMessage<>("event-" + payload, payload, Map.of(), timestamp);
    }

    // ---- Axon's monitors, composed as GlobalMetricRegistry.registerComponentWithDefaultTags composes them,
    // but on the given clock.

    private static MessageTimerMonitor axonTimers(
            String prefix, MeterRegistry registry, Clock clock, Function<Message<?>, Iterable<Tag>> tags) {
        return MessageTimerMonitor.builder()
                .meterNamePrefix(prefix)
                .meterRegistry(registry)
                .clock(clock)
                .tagsBuilder(tags)
                .build();
    }

    private static MessageMonitor<?> axonHandling(String name, MeterRegistry registry, Clock clock) {
        return new MultiMessageMonitor<Message<?>>(
                axonTimers(name, registry, clock, PAYLOAD_TYPE_TAGGER_FUNCTION),
                CapacityMonitor.buildMonitor(name, registry, 10, TimeUnit.MINUTES, clock, PAYLOAD_TYPE_TAGGER_FUNCTION),
                MessageCountingMonitor.buildMonitor(name, registry, PAYLOAD_TYPE_TAGGER_FUNCTION));
    }

    private static MessageMonitor<?> axonEventBus(String name, MeterRegistry registry, Clock clock) {
        return new MultiMessageMonitor<Message<?>>(
                MessageCountingMonitor.buildMonitor(name, registry),
                axonTimers(name, registry, clock, PAYLOAD_TYPE_TAGGER_FUNCTION));
    }

    private static MessageMonitor<?> axonEventProcessor(String name, MeterRegistry registry, Clock clock) {
        Function<Message<?>, Iterable<Tag>> tags = message ->
                Tags.of(PAYLOAD_TYPE_TAG, message.getPayloadType().getSimpleName(), PROCESSOR_NAME_TAG, name);
        return new MultiMessageMonitor<EventMessage<?>>(
                axonTimers("eventProcessor", registry, clock, tags),
                EventProcessorLatencyMonitor.builder()
                        .meterNamePrefix("eventProcessor")
                        .meterRegistry(registry)
                        .clock(clock)
                        .tagsBuilder(message -> Tags.of(PROCESSOR_NAME_TAG, name))
                        .build(),
                CapacityMonitor.buildMonitor("eventProcessor", registry, 10, TimeUnit.MINUTES, clock, tags),
                MessageCountingMonitor.buildMonitor("eventProcessor", registry, tags));
    }

    // ---- Feeding and reading.

    @SuppressWarnings("unchecked")
    private static MessageMonitor<Message<?>> any(MessageMonitor<?> monitor) {
        return (MessageMonitor<Message<?>>) monitor;
    }

    /** Both monitors take each message at the same instant, and report after the step's time. */
    private static void feed(MockClock clock, List<Step> steps, MessageMonitor<?> first, MessageMonitor<?> second) {
        for (Step step : steps) {
            var callbacks = List.of(
                    any(first).onMessageIngested(step.message()), any(second).onMessageIngested(step.message()));
            clock.add(step.millis(), TimeUnit.MILLISECONDS);
            for (var callback : callbacks) {
                switch (step.outcome()) {
                    case SUCCESS -> callback.reportSuccess();
                    case FAILURE -> callback.reportFailure(new IllegalStateException("refused"));
                    case IGNORED -> callback.reportIgnored();
                }
            }
        }
    }

    /**
     * Every meter as {@code TYPE name [tags]}, with its counts, or with everything it measures: totals,
     * maxima, gauge values and the published percentiles' values.
     */
    static SortedMap<String, String> meters(MeterRegistry registry, boolean everything) {
        SortedMap<String, String> meters = new TreeMap<>();
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            List<String> measured = new ArrayList<>();
            for (Measurement measurement : meter.measure()) {
                if (everything || measurement.getStatistic() == Statistic.COUNT) {
                    measured.add(measurement.getStatistic() + "=" + measurement.getValue());
                }
            }
            if (meter instanceof Timer timer) {
                for (ValueAtPercentile percentile : timer.takeSnapshot().percentileValues()) {
                    measured.add("p" + percentile.percentile()
                            + (everything ? "=" + percentile.value(TimeUnit.NANOSECONDS) : ""));
                }
            }
            meters.put(id.getType() + " " + id.getName() + " " + id.getTags(), String.join(" ", measured));
        }
        return meters;
    }

    static Stream<Arguments> components() {
        BiFunction<MeterRegistry, Clock, MessageMonitor<?>> commandBus =
                (registry, clock) -> CachedMetricsMonitor.handling("commandBus", registry, clock);
        BiFunction<MeterRegistry, Clock, MessageMonitor<?>> eventStore =
                (registry, clock) -> CachedMetricsMonitor.eventBus("eventStore", registry, clock);
        BiFunction<MeterRegistry, Clock, MessageMonitor<?>> queryBus =
                (registry, clock) -> CachedMetricsMonitor.handling("queryBus", registry, clock);
        BiFunction<MeterRegistry, Clock, MessageMonitor<?>> updates =
                (registry, clock) -> CachedMetricsMonitor.handling("queryUpdateEmitter", registry, clock);
        BiFunction<MeterRegistry, Clock, MessageMonitor<?>> processor =
                (registry, clock) -> CachedMetricsMonitor.eventProcessor("orders", registry, clock);
        return Stream.of(
                Arguments.of(
                        "command bus",
                        commandBus,
                        (BiFunction<MeterRegistry, Clock, MessageMonitor<?>>)
                                (registry, clock) -> axonHandling("commandBus", registry, clock),
                        COMMANDS),
                Arguments.of(
                        "event store",
                        eventStore,
                        (BiFunction<MeterRegistry, Clock, MessageMonitor<?>>)
                                (registry, clock) -> axonEventBus("eventStore", registry, clock),
                        EVENTS),
                Arguments.of(
                        "query bus",
                        queryBus,
                        (BiFunction<MeterRegistry, Clock, MessageMonitor<?>>)
                                (registry, clock) -> axonHandling("queryBus", registry, clock),
                        QUERIES),
                Arguments.of(
                        "query update emitter",
                        updates,
                        (BiFunction<MeterRegistry, Clock, MessageMonitor<?>>)
                                (registry, clock) -> axonHandling("queryUpdateEmitter", registry, clock),
                        UPDATES),
                Arguments.of(
                        "event processor",
                        processor,
                        (BiFunction<MeterRegistry, Clock, MessageMonitor<?>>)
                                (registry, clock) -> axonEventProcessor("orders", registry, clock),
                        EVENTS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("components")
    @DisplayName("records what Axon's monitors record: the same meters, counts, times, percentiles, capacity"
            + " and latency")
    void recordsWhatAxonRecords(
            String component,
            BiFunction<MeterRegistry, Clock, MessageMonitor<?>> cached,
            BiFunction<MeterRegistry, Clock, MessageMonitor<?>> axon,
            List<Step> steps) {
        MockClock clock = new MockClock();
        clock.add(T0.toEpochMilli() + 500, TimeUnit.MILLISECONDS);
        MeterRegistry axonMeters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        MeterRegistry cachedMeters = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);

        MessageMonitor<?> original = axon.apply(axonMeters, clock);
        MessageMonitor<?> caching = cached.apply(cachedMeters, clock);
        feed(clock, steps, original, caching);
        feed(clock, steps, original, caching);

        SortedMap<String, String> expected = meters(axonMeters, true);
        assertThat(expected).isNotEmpty();
        assertThat(meters(cachedMeters, true)).isEqualTo(expected);
    }

    static Stream<Arguments> componentTypes() {
        return Stream.of(
                Arguments.of(SimpleCommandBus.class, "commandBus", COMMANDS),
                Arguments.of(EmbeddedEventStore.class, "eventStore", EVENTS),
                Arguments.of(SimpleQueryBus.class, "queryBus", QUERIES),
                Arguments.of(QueryUpdateEmitter.class, "queryUpdateEmitter", UPDATES),
                Arguments.of(TrackingEventProcessor.class, "orders", EVENTS));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("componentTypes")
    @DisplayName("gives a component the series and counts GlobalMetricRegistry's monitor gives it")
    void sameSeriesAsGlobalMetricRegistry(Class<?> type, String name, List<Step> steps) {
        MeterRegistry axonMeters = new SimpleMeterRegistry();
        MeterRegistry cachedMeters = new SimpleMeterRegistry();

        // Both on the system's clock, as in the application: the mock one only paces the steps.
        feed(
                new MockClock(),
                steps,
                new GlobalMetricRegistry(axonMeters).registerComponentWithDefaultTags(type, name),
                CachedMetricsMonitor.forComponent(type, name, new GlobalMetricRegistry(cachedMeters)));

        SortedMap<String, String> expected = meters(axonMeters, false);
        assertThat(expected).isNotEmpty();
        assertThat(meters(cachedMeters, false)).isEqualTo(expected);
    }

    @Test
    @DisplayName("leaves a component Axon does not measure to Axon")
    void leavesOtherComponentsToAxon() {
        assertThat(CachedMetricsMonitor.forComponent(String.class, "other", new GlobalMetricRegistry()))
                .isSameAs(NoOpMessageMonitor.instance());
    }

    @Test
    @DisplayName("asks the registry for a payload type's meters at its first message only")
    void asksTheRegistryOncePerPayloadType() {
        MockClock clock = new MockClock();
        MeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        AtomicInteger added = new AtomicInteger();
        registry.config().onMeterAdded(meter -> added.incrementAndGet());
        CachedMetricsMonitor processor = CachedMetricsMonitor.eventProcessor("orders", registry, clock);
        List<Step> placed = List.of(
                new Step(event(new OrderPlaced("a"), T0), Outcome.SUCCESS, 1),
                new Step(event(new OrderPlaced("b"), T0), Outcome.FAILURE, 1));

        feed(clock, placed.subList(0, 1), processor, NoOpMessageMonitor.instance());
        // Four timers (and the gauges of their percentiles), the capacity, five counters, the latency.
        int registered = added.get();
        assertThat(registry.getMeters()).hasSize(registered);
        assertThat(registry.find("eventProcessor.latency").gauges()).hasSize(1);
        feed(clock, placed, processor, NoOpMessageMonitor.instance());
        assertThat(added).hasValue(registered);

        // Not even looked up: with the registry emptied, a known type's message registers nothing again
        // (Axon's monitors would register all its meters anew); a new type's registers its own.
        registry.clear();
        feed(clock, placed, processor, NoOpMessageMonitor.instance());
        assertThat(registry.getMeters()).isEmpty();
        feed(
                clock,
                List.of(new Step(event(new OrderCancelled("a"), T0), Outcome.SUCCESS, 1)),
                processor,
                NoOpMessageMonitor.instance());
        assertThat(registry.getMeters())
                .hasSize(registered - 1)
                .allSatisfy(meter ->
                        assertThat(meter.getId().getTag(PAYLOAD_TYPE_TAG)).isEqualTo("OrderCancelled"));
    }
}
