package dev.tenantcore.infra.axon;

import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import javax.annotation.Nonnull;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.micrometer.MetricsConfigurerModule;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.EventProcessorProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Axon on PostgreSQL without Axon Server: the JDBC event store, token store, saga store and dead
 * letter queue on the snake_case tables of the Flyway migrations, and the tenant carried in the
 * metadata of every message.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(ProcessingProperties.class)
public class AxonConfiguration {

    private static final Duration MIN_RELEASE = Duration.ofSeconds(15);

    static {
        // Events carry their time at the store's precision (milliseconds, Axon's time_stamp text), so
        // a handler in the command's own transaction sees the time a replay of the event sees.
        GenericEventMessage.clock = Clock.tickMillis(ZoneOffset.UTC);
    }

    @Bean
    @Primary
    @Profile("!jpa-event-store")
    TenantAwareTransactionManager transactionManager(DataSource dataSource) {
        return new TenantAwareTransactionManager(dataSource);
    }

    /** With the JPA event store a JPA transaction manager leads; this one then only binds tenants. */
    @Bean
    @Profile("jpa-event-store")
    TenantAwareTransactionManager tenantBinding(DataSource dataSource) {
        return new TenantAwareTransactionManager(dataSource);
    }

    /** Declared together: a custom provider alone would silently drop correlation and causation ids. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CorrelationDataProvider tenantCorrelationProvider() {
        return new SimpleCorrelationDataProvider(
                MetadataKeys.TENANT_ID,
                MetadataKeys.USER_ID,
                MetadataKeys.ACTOR_TYPE,
                MetadataKeys.CLIENT_IP,
                MetadataKeys.USER_AGENT,
                MetadataKeys.AUTOMATION_RUN_ID,
                MetadataKeys.AUTOMATION_DEPTH);
    }

    /**
     * A subscribing processor (application.yml) runs its handlers in the transaction of the command
     * whose events they take, so a handler's failure fails that command: the events are then not
     * stored either, and the store and the rows it keeps never disagree. Axon's default would only
     * log the failure and commit the command without the handler's change (or fail it at commit, with
     * a database error the handler had swallowed).
     */
    @Bean
    ConfigurerModule subscribingProcessorsFailTheirCommand(EventProcessorProperties processors) {
        return configurer -> processors.getProcessors().forEach((name, settings) -> {
            if (settings.getMode() == EventProcessorProperties.Mode.SUBSCRIBING) {
                configurer
                        .eventProcessing()
                        .registerListenerInvocationErrorHandler(name, c -> PropagatingErrorHandler.instance());
            }
        });
    }

    @Bean
    SnapshotTriggerDefinition snapshotTrigger(
            Snapshotter snapshotter, @Value("${app.axon.snapshot-threshold:20}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * Axon's JDBC event storage engine as its auto-configuration makes it, but without a transaction
     * manager of its own. Axon wraps every read of the store in one: the event store's reader and
     * each processor reading on its own ran {@code BEGIN}, the read (and, for an empty page, its look
     * ahead for a wide gap), and {@code COMMIT}, three reads per price change, for statements that
     * need no transaction. Writes are unchanged: an append or a load of an aggregate runs in the
     * command's transaction, which the connection provider hands out, and a snapshot in the
     * snapshotter's. The store's reader ends a read at a short page ({@link
     * TailingJdbcEventStorageEngine}).
     */
    @Bean
    @Profile("!jpa-event-store")
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            EventSchema schema) {
        return new TailingJdbcEventStorageEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(schema)
                .lastSequenceNumberFor(AxonConfiguration::lastSequenceNumber));
    }

    /**
     * The event store as Axon's auto-configuration makes it, with a shorter cache of recent events.
     * The store's reader keeps the newest events, deserialized, for the processors that follow it;
     * Axon keeps 10,000, which under load is half a minute of events: each lives through several
     * young collections and is copied from survivor space to survivor space until it is promoted,
     * and that copying was most of each young pause (20–40 ms every few seconds at 250 price changes
     * a second, {@code bench/profile.sh}'s recording). A processor that falls further behind than the
     * cache reads the store on its own until it has caught up, as it would beyond 10,000.
     */
    @Bean
    EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            @Value("${app.axon.cached-events:1000}") int cachedEvents) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .cachedEvents(cachedEvents)
                .build();
    }

    /**
     * An aggregate's last sequence number, which the aggregate cache asks for every command it serves:
     * the newest entry of the (aggregate, sequence) index, read backwards. Axon's {@code max()} form
     * left the choice to the planner, which without fresh statistics read every event of the
     * aggregate (an index-only scan of all of them, each checked in the table): 200 rows for a product
     * with 200 price changes, against one row here.
     */
    private static PreparedStatement lastSequenceNumber(Connection connection, EventSchema schema, String aggregate)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT " + schema.sequenceNumberColumn()
                + " FROM " + schema.domainEventTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ?"
                + " ORDER BY " + schema.sequenceNumberColumn() + " DESC LIMIT 1");
        statement.setString(1, aggregate);
        return statement;
    }

    @Bean
    ProcessingNodes processingNodes(JdbcTemplate jdbc, ProcessingProperties properties) {
        return new ProcessingNodes(jdbc, properties.effectiveNodeId(), properties.nodeTimeout());
    }

    /**
     * Axon's JDBC token store, as its auto-configuration would make it, but owned by this node's
     * name: Axon's default, the JVM's {@code pid@host}, is the same for two applications in one JVM
     * (as in the tests), and two nodes of one name would take each other's claims for their own.
     */
    @Bean
    @Profile("!jpa-event-store")
    TokenStore tokenStore(
            ConnectionProvider connections,
            Serializer serializer,
            TokenSchema schema,
            ProcessingNodes nodes,
            @Value("${axon.eventhandling.tokenstore.claim-timeout:PT10S}") Duration claimTimeout) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .schema(schema)
                .serializer(serializer)
                .claimTimeout(claimTimeout)
                .nodeId(nodes.self())
                .build();
    }

    @Bean
    SegmentBalancer segmentBalancer(
            ProcessingNodes nodes,
            EventProcessingConfiguration processing,
            TokenStore tokens,
            ProcessingProperties properties) {
        // Long enough for another node's claim loop (Axon's default: every 5 seconds) to take it.
        Duration releaseFor = properties.balanceInterval().multipliedBy(3).compareTo(MIN_RELEASE) > 0
                ? properties.balanceInterval().multipliedBy(3)
                : MIN_RELEASE;
        return new SegmentBalancer(nodes, processing, tokens, releaseFor);
    }

    /** In the readiness group (application.yml): a node whose projections are stuck takes no traffic. */
    @Bean
    EventProcessorHealth eventProcessorsHealthIndicator(
            EventProcessingConfiguration processing, EventStore events, ProcessingProperties properties) {
        return new EventProcessorHealth(processing, events, properties.stallAfter(), Clock.systemUTC());
    }

    /**
     * Axon's metrics of the buses and the event store with their meters resolved once per payload type
     * (see {@link CachedMetricsMonitor}), in place of the module Axon's auto-configuration would make
     * (it backs off from any {@link MetricsConfigurerModule}), under the same switch.
     */
    @Bean
    @ConditionalOnProperty(value = "axon.metrics.auto-configuration.enabled", matchIfMissing = true)
    MetricsConfigurerModule cachedMetricsMonitoring(
            GlobalMetricRegistry metrics, @Value("${axon.metrics.micrometer.dimensional:false}") boolean dimensional) {
        return new MetricsConfigurerModule(metrics, dimensional) {
            @Override
            public void configureModule(@Nonnull Configurer configurer) {
                if (!dimensional) {
                    super.configureModule(configurer);
                    return;
                }
                configurer.configureMessageMonitor(
                        config -> (type, name) -> CachedMetricsMonitor.forComponent(type, name, metrics));
            }
        };
    }

    /** Event processors report to Axon's metrics the events they handle: see {@link HandledEventsMonitor}. */
    @Bean
    @SuppressWarnings({"unchecked", "rawtypes"})
    ConfigurerModule handledEventsMonitoring(GlobalMetricRegistry metrics) {
        return configurer -> configurer.configureMessageMonitor(EventProcessor.class, (config, type, name) ->
                (MessageMonitor) new HandledEventsMonitor(CachedMetricsMonitor.forComponent(type, name, metrics)));
    }

    @Bean
    ProcessingMetrics processingMetrics(
            EventProcessingConfiguration processing, EventStore events, JdbcTemplate jdbc, MeterRegistry meters) {
        return new ProcessingMetrics(processing, events, jdbc, meters);
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /** Axon's JDBC saga store takes the SQL schema, not the table names alone. */
    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(sagaSchema());
    }

    private static SagaSchema sagaSchema() {
        return SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .build();
    }

    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }
}
