package dev.tenantcore.infra.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.automations.PublicEvent;
import dev.tenantcore.api.automations.PublicEventType;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.ContactTaggedEvent;
import dev.tenantcore.api.tenancy.TenantRenamedEvent;
import dev.tenantcore.infra.audit.StoredEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

class PublicEventsTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final PublicEvents events = new PublicEvents(json);

    private final UUID tenant = UUID.randomUUID();
    private final UUID contact = UUID.randomUUID();
    private final UUID eventId = UUID.randomUUID();
    private final Instant at = Instant.parse("2026-12-03T10:15:30.123Z");

    @Test
    void aProcessedEventAndItsStoredRowGiveTheSameEnvelope() throws Exception {
        var domain = new GenericDomainEventMessage<>(
                "Contact",
                contact.toString(),
                4,
                new ContactTaggedEvent(new ContactId(contact), "vip"),
                MetaData.with(MetadataKeys.TENANT_ID, tenant.toString()),
                eventId.toString(),
                at);
        var tracked = new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(77), domain);
        StoredEvent row = new StoredEvent(
                77,
                eventId.toString(),
                "Contact",
                contact.toString(),
                4,
                ContactTaggedEvent.class.getName(),
                null,
                at.toString(),
                ("{\"contactId\":\"" + contact + "\",\"tag\":\"vip\"}").getBytes(StandardCharsets.UTF_8),
                "{}".getBytes(StandardCharsets.UTF_8));

        PublicEvent processed = events.of(tracked).orElseThrow();
        PublicEvent stored = events.of(row, tenant).orElseThrow();

        assertThat(processed).isEqualTo(stored);
        assertThat(processed.type()).isEqualTo(PublicEventType.CONTACT_TAGGED);
        assertThat(processed.aggregateType()).isEqualTo("contact");
        assertThat(processed.position()).isEqualTo(77);
        assertThat(processed.data()).isEqualTo(Map.of("contactId", contact.toString(), "tag", "vip"));
        assertThat(json.writeValueAsString(processed)).contains("\"type\":\"contact.tagged\"");
    }

    @Test
    void eventsOutsideTheCatalogueOrWithoutATenantAreNotPublished() {
        var unpublished = GenericEventMessage.asEventMessage(new TenantRenamedEvent(null, "Acme"))
                .andMetaData(Map.of(MetadataKeys.TENANT_ID, tenant.toString()));
        var tenantless = GenericEventMessage.asEventMessage(new ContactTaggedEvent(new ContactId(contact), "vip"));

        assertThat(events.of(unpublished)).isEmpty();
        assertThat(events.of(tenantless)).isEmpty();
    }

    @Test
    void namesAggregatesAsTheAuditEndpointsDo() {
        assertThat(PublicEvents.wireName("ChannelConnection")).isEqualTo("channel-connection");
        assertThat(PublicEvents.wireName("Order")).isEqualTo("order");
    }
}
