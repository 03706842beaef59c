package dev.tenantcore.infra.axon;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The event machinery in Prometheus:
 *
 * <ul>
 *   <li>{@code tenantcore_processor_lag_events{processor}}: events between the head of the event
 *       store and the furthest-behind segment this node holds (absent while it holds none);
 *   <li>{@code tenantcore_processor_segments{processor}}: segments this node holds;
 *   <li>{@code tenantcore_dead_letters{processing_group}}: events parked after failing;
 *   <li>{@code tenantcore_sagas{type}}: saga instances alive;
 *   <li>{@code tenantcore_deadlines{state}}: scheduled deadlines, {@code due} (past their time and
 *       not yet picked: a backlog) and {@code scheduled} (all).
 * </ul>
 *
 * The last three count rows of shared tables, so every node reports the same figure: read them with
 * {@code max} over instances, not {@code sum}. They are counted every {@code
 * app.processing.metrics-interval} rather than at each scrape, so a busy Prometheus costs the
 * database nothing more. They are registered once the application is ready, when Axon has built
 * its processors.
 */
public class ProcessingMetrics {

    private final EventProcessingConfiguration processing;
    private final EventStore events;
    private final JdbcTemplate jdbc;
    private final MeterRegistry registry;
    private volatile MultiGauge deadLetters;
    private volatile MultiGauge sagas;
    private volatile MultiGauge deadlines;

    public ProcessingMetrics(
            EventProcessingConfiguration processing, EventStore events, JdbcTemplate jdbc, MeterRegistry registry) {
        this.processing = processing;
        this.events = events;
        this.jdbc = jdbc;
        this.registry = registry;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void register() {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("tenantcore.processor.lag", streaming, this::lag)
                        .baseUnit("events")
                        .description(
                                "Events between the head of the event store and this node's furthest-behind segment")
                        .tag("processor", name)
                        .register(registry);
                Gauge.builder(
                                "tenantcore.processor.segments",
                                streaming,
                                p -> p.processingStatus().size())
                        .description("Segments of the processor this node holds")
                        .tag("processor", name)
                        .register(registry);
            }
        });
        deadLetters = MultiGauge.builder("tenantcore.dead.letters")
                .description("Events parked in the dead-letter queue, by processing group")
                .register(registry);
        sagas = MultiGauge.builder("tenantcore.sagas")
                .description("Saga instances alive, by type")
                .register(registry);
        deadlines = MultiGauge.builder("tenantcore.deadlines")
                .description("Scheduled deadlines: all, and those due but not yet picked")
                .register(registry);
        count();
    }

    private double lag(StreamingEventProcessor processor) {
        OptionalLong behind = processor.processingStatus().values().stream()
                .map(EventTrackerStatus::getCurrentPosition)
                .mapToLong(position -> position.orElse(-1))
                .min();
        if (behind.isEmpty()) {
            return Double.NaN;
        }
        var token = events.createHeadToken();
        long head = token == null ? -1 : token.position().orElse(-1);
        return Math.max(0, head - behind.getAsLong());
    }

    /** Counts the shared tables again. */
    @Scheduled(
            fixedDelayString = "${app.processing.metrics-interval:PT15S}",
            initialDelayString = "${app.processing.metrics-interval:PT15S}")
    public void count() {
        if (deadlines == null) {
            return;
        }
        // Every processor's group, at 0 unless letters are parked: an alert needs the series to exist.
        Map<String, Long> parked = new TreeMap<>();
        processing.eventProcessors().keySet().forEach(group -> parked.put(group, 0L));
        jdbc.query(
                "SELECT processing_group, count(*) AS n FROM dead_letter_entry GROUP BY processing_group",
                (RowCallbackHandler) row -> parked.put(row.getString(1), row.getLong(2)));
        deadLetters.register(
                parked.entrySet().stream()
                        .<MultiGauge.Row<?>>map(entry ->
                                MultiGauge.Row.of(Tags.of("processing_group", entry.getKey()), entry.getValue()))
                        .toList(),
                true);
        sagas.register(rows("SELECT saga_type AS tag, count(*) AS n FROM saga_entry GROUP BY saga_type", "type"), true);
        deadlines.register(rows("""
                        SELECT 'scheduled' AS tag, count(*) AS n FROM scheduled_tasks
                        UNION ALL
                        SELECT 'due', count(*) FROM scheduled_tasks WHERE execution_time <= now() AND NOT picked
                        """, "state"), true);
    }

    private List<MultiGauge.Row<?>> rows(String sql, String tag) {
        return jdbc.query(
                sql, (row, i) -> MultiGauge.Row.of(Tags.of(tag, shortName(row.getString("tag"))), row.getLong("n")));
    }

    /** A saga type is a class name; its simple name is what a dashboard shows. */
    private static String shortName(String value) {
        if (value == null) {
            return "unknown";
        }
        int dot = value.lastIndexOf('.');
        return dot < 0 ? value : value.substring(dot + 1);
    }
}
