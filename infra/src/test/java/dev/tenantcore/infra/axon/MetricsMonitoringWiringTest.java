package dev.tenantcore.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.SortedMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link AxonConfiguration}'s metrics modules in place of Axon's: an application on Axon's default
 * configuration runs the same commands, events and queries once with Axon's monitors (the
 * auto-configured module and the processors' monitors as they were) and once with the cached ones.
 */
@DisplayName("Axon's metrics, wired")
class MetricsMonitoringWiringTest {

    record PlaceOrder(String id) {}

    record CancelOrder(String id) {}

    record OrderPlaced(String id) {}

    record OrderNoted(String id) {}

    record FindOrder(String id) {}

    static final class Orders {
        private final EventBus events;

        Orders(EventBus events) {
            this.events = events;
        }

        @CommandHandler
        void handle(PlaceOrder command) {
            events.publish(
                    GenericEventMessage.asEventMessage(new OrderPlaced(command.id())),
                    GenericEventMessage.asEventMessage(new OrderNoted(command.id())));
        }

        @CommandHandler
        void handle(CancelOrder command) {
            throw new IllegalStateException("order " + command.id() + " cannot be cancelled");
        }

        @QueryHandler
        String handle(FindOrder query) {
            return "order " + query.id();
        }
    }

    /** Handles one of the two events: the other is read past and reaches no meter. */
    @ProcessingGroup("orders")
    static final class Projection {
        @EventHandler
        void on(OrderPlaced event) {}
    }

    /** The meters of a run of the application with the given metrics modules. */
    private static SortedMap<String, String> run(List<ConfigurerModule> modules, SimpleMeterRegistry registry) {
        // Without the service-loaded modules (Axon Server's): a simple event bus, in this thread.
        var configurer = DefaultConfigurer.defaultConfiguration(false)
                .registerCommandHandler(c -> new Orders(c.eventBus()))
                .registerQueryHandler(c -> new Orders(c.eventBus()))
                .eventProcessing(processing -> processing
                        .registerSubscribingEventProcessor("orders")
                        .registerEventHandler(c -> new Projection()));
        modules.forEach(module -> module.configureModule(configurer));
        Configuration axon = configurer.start();
        try {
            axon.commandGateway().sendAndWait(new PlaceOrder("a"));
            axon.commandGateway().sendAndWait(new PlaceOrder("b"));
            assertThatThrownBy(() -> axon.commandGateway().sendAndWait(new CancelOrder("a")))
                    .isInstanceOf(IllegalStateException.class);
            assertThat(axon.queryGateway()
                            .query(new FindOrder("a"), String.class)
                            .join())
                    .isEqualTo("order a");
            SubscriptionQueryResult<String, String> subscription =
                    axon.queryGateway().subscriptionQuery(new FindOrder("b"), String.class, String.class);
            assertThat(subscription.initialResult().block()).isEqualTo("order b");
            axon.queryUpdateEmitter().emit(FindOrder.class, query -> true, "order b, paid");
            subscription.close();
        } finally {
            axon.shutdown();
        }
        return CachedMetricsMonitorTest.meters(registry, false);
    }

    @Test
    @DisplayName("the application has the same series with the same counts as with Axon's monitors")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void sameSeriesAsAxons() {
        SimpleMeterRegistry axonMeters = new SimpleMeterRegistry();
        GlobalMetricRegistry axonMetrics = new GlobalMetricRegistry(axonMeters);
        ConfigurerModule processorsAsTheyWere = configurer -> configurer.configureMessageMonitor(
                EventProcessor.class,
                (config, type, name) ->
                        (MessageMonitor) new HandledEventsMonitor((MessageMonitor<? super EventMessage<?>>)
                                axonMetrics.registerComponentWithDefaultTags(type, name)));
        SortedMap<String, String> before =
                run(List.of(new MetricsConfigurerModule(axonMetrics, true), processorsAsTheyWere), axonMeters);

        SimpleMeterRegistry cachedMeters = new SimpleMeterRegistry();
        GlobalMetricRegistry cachedMetrics = new GlobalMetricRegistry(cachedMeters);
        AxonConfiguration configuration = new AxonConfiguration();
        SortedMap<String, String> after = run(
                List.of(
                        configuration.cachedMetricsMonitoring(cachedMetrics, true),
                        configuration.handledEventsMonitoring(cachedMetrics)),
                cachedMeters);

        assertThat(after).isEqualTo(before);
        assertThat(after)
                .containsEntry("COUNTER commandBus.successCounter [tag(payloadType=PlaceOrder)]", "COUNT=2.0")
                .containsEntry("COUNTER commandBus.failureCounter [tag(payloadType=CancelOrder)]", "COUNT=1.0")
                .containsEntry("COUNTER eventBus.ingestedCounter []", "COUNT=4.0")
                .containsEntry(
                        "TIMER eventBus.allTimer [tag(payloadType=OrderNoted)]",
                        "COUNT=2.0 p0.5 p0.75 p0.95 p0.98 p0.99 p0.999")
                .containsEntry("COUNTER queryBus.ingestedCounter [tag(payloadType=FindOrder)]", "COUNT=2.0")
                .containsEntry("COUNTER queryUpdateEmitter.successCounter [tag(payloadType=String)]", "COUNT=1.0")
                .containsEntry(
                        "TIMER eventProcessor.allTimer [tag(payloadType=OrderPlaced), tag(processorName=orders)]",
                        "COUNT=2.0 p0.5 p0.75 p0.95 p0.98 p0.99 p0.999")
                .containsKeys(
                        "GAUGE commandBus.capacity [tag(payloadType=PlaceOrder)]",
                        "GAUGE eventProcessor.latency [tag(processorName=orders)]")
                .doesNotContainKey(
                        "COUNTER eventProcessor.ingestedCounter [tag(payloadType=OrderNoted), tag(processorName=orders)]");
    }
}
