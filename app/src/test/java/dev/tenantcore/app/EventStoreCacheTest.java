package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The event store keeps only the newest {@code app.axon.cached-events} events for the processors
 * that follow it (AxonConfiguration#eventStore); a processor further behind reads the store itself.
 */
class EventStoreCacheTest extends ApiTest {

    @Autowired
    ConfigurableApplicationContext context;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    EventStorageEngine storage;

    @Autowired
    EventStore eventStore;

    @Value("${app.axon.cached-events:1000}")
    int cachedEvents;

    @Test
    @DisplayName("the event store is the application's, with its cache of recent events, not Axon's default one")
    void theApplicationsEventStore() {
        assertThat(context.getBeanNamesForType(EventStore.class)).containsExactly("eventStore");
        assertThat(context.getBeanFactory().getBeanDefinition("eventStore").getFactoryBeanName())
                .isEqualTo("axonConfiguration");
        assertThat(cachedEvents).isLessThan(10_000);
    }

    @Test
    @DisplayName("a processor further behind than the cache catches up with every change, the last one winning")
    void processorBehindTheCacheCatchesUp() {
        Platform.Shop shop = platform.newShop();
        String owner = platform.ownerToken(shop);
        String id = api.post("/api/v1/contacts")
                .in(shop, owner)
                .json(Map.of("name", "Far Behind"))
                .send()
                .assertStatus(201)
                .json()
                .get("id")
                .asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> contact(shop, owner, id) != null);
        long created = contact(shop, owner, id).get("version").asLong();

        StreamingEventProcessor crm =
                processing.eventProcessor("crm", StreamingEventProcessor.class).orElseThrow();
        int changes = cachedEvents + 50;
        crm.shutDown();
        try {
            for (int i = 1; i <= changes; i++) {
                api.patch("/api/v1/contacts/" + id)
                        .in(shop, owner)
                        .json(Map.of("company", "Company " + i))
                        .send()
                        .assertStatus(200);
            }
            assertThat(contact(shop, owner, id).get("version").asLong())
                    .as("the CRM's processor is stopped, so the read model is behind")
                    .isEqualTo(created);
        } finally {
            crm.start();
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> contact(shop, owner, id).get("version").asLong() == created + changes);
        JsonNode caughtUp = contact(shop, owner, id);
        assertThat(caughtUp.get("company").asText()).isEqualTo("Company " + changes);
    }

    @Test
    @DisplayName("the store's reader reads page after page, every event in order, up to the head")
    void readerReadsEveryPage() {
        Platform.Shop shop = platform.newShop();
        TrackingToken from = storage.createHeadToken();
        String aggregate = UUID.randomUUID().toString();
        int appended = 250; // two full pages of Axon's default 100 and a short one
        append(shop, aggregate, 0, appended);

        List<Long> read;
        try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(from, true)) {
            read = sequencesOf(aggregate, stream.iterator(), Integer.MAX_VALUE);
        }

        assertThat(read).hasSize(appended);
        assertThat(read).isSortedAccordingTo(Long::compare).startsWith(0L).endsWith((long) appended - 1);
    }

    /**
     * The store's reader ends a read at the first page shorter than a batch, and reads again itself
     * (TailingJdbcEventStorageEngine): an event committed after that page is not in the read. A
     * processor reading on its own reads until a page comes back empty, so it is in that one.
     */
    @Test
    @DisplayName("the store's reader stops at a short page; a processor reading on its own reads on to an empty one")
    void readerStopsAtAShortPage() {
        Platform.Shop shop = platform.newShop();

        String forReader = UUID.randomUUID().toString();
        TrackingToken from = storage.createHeadToken();
        append(shop, forReader, 0, 3);
        List<Long> reader = readAppendingOneMore(shop, forReader, from, true);

        String forProcessor = UUID.randomUUID().toString();
        TrackingToken again = storage.createHeadToken();
        append(shop, forProcessor, 0, 3);
        List<Long> processor = readAppendingOneMore(shop, forProcessor, again, false);

        assertThat(reader).as("the reader's read ends with the short page").containsExactly(0L, 1L, 2L);
        assertThat(processor).as("a processor's own read goes on").containsExactly(0L, 1L, 2L, 3L);
    }

    /** Reads the aggregate's first event, appends its fourth, then reads what the stream still gives. */
    private List<Long> readAppendingOneMore(Platform.Shop shop, String aggregate, TrackingToken from, boolean tailing) {
        try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(from, tailing)) {
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            List<Long> read = new ArrayList<>(sequencesOf(aggregate, events, 1));
            append(shop, aggregate, 3, 1);
            read.addAll(sequencesOf(aggregate, events, Integer.MAX_VALUE));
            return read;
        }
    }

    private void append(Platform.Shop shop, String aggregate, int first, int count) {
        List<DomainEventMessage<?>> events = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            events.add(new GenericDomainEventMessage<>(
                    "ReaderProbe", aggregate, i, new ReaderProbe(i), MetaData.with(MetadataKeys.TENANT_ID, shop.id())));
        }
        eventStore.publish(events);
    }

    /** The sequence numbers of {@code aggregate}'s events among the next ones, at most {@code limit} of them. */
    private static List<Long> sequencesOf(
            String aggregate, Iterator<? extends TrackedEventMessage<?>> events, int limit) {
        List<Long> sequences = new ArrayList<>();
        while (sequences.size() < limit && events.hasNext()) {
            if (events.next() instanceof DomainEventMessage<?> event
                    && aggregate.equals(event.getAggregateIdentifier())) {
                sequences.add(event.getSequenceNumber());
            }
        }
        return sequences;
    }

    /** An event no handler takes. */
    record ReaderProbe(int n) {}

    private JsonNode contact(Platform.Shop shop, String owner, String id) {
        var read = api.get("/api/v1/contacts/" + id).in(shop, owner).send();
        return read.status() == 200 ? read.json() : null;
    }
}
