package dev.tenantcore.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.app.support.ApiTest;
import dev.tenantcore.app.support.Platform;
import java.time.Duration;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
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
        String id =
                platform.newProduct(shop, owner, "far-behind", 100).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> product(shop, owner, id) != null);
        long created = product(shop, owner, id).get("version").asLong();

        StreamingEventProcessor catalog = processing
                .eventProcessor("catalog", StreamingEventProcessor.class)
                .orElseThrow();
        int changes = cachedEvents + 50;
        catalog.shutDown();
        try {
            for (int i = 1; i <= changes; i++) {
                api.patch("/api/v1/products/" + id)
                        .in(shop, owner)
                        .json(Map.of("price", Map.of("amountMinor", 100 + i, "currency", "EUR")))
                        .send()
                        .assertStatus(200);
            }
            assertThat(product(shop, owner, id).get("price").get("amountMinor").asLong())
                    .as("the catalogue's processor is stopped, so the read model is behind")
                    .isEqualTo(100);
        } finally {
            catalog.start();
        }

        await().atMost(Duration.ofSeconds(60))
                .until(() -> product(shop, owner, id).get("version").asLong() == created + changes);
        JsonNode caughtUp = product(shop, owner, id);
        assertThat(caughtUp.get("price").get("amountMinor").asLong()).isEqualTo(100 + changes);
    }

    private JsonNode product(Platform.Shop shop, String owner, String id) {
        var read = api.get("/api/v1/products/" + id).in(shop, owner).send();
        return read.status() == 200 ? read.json() : null;
    }
}
