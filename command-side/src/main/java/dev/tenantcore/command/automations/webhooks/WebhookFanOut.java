package dev.tenantcore.command.automations.webhooks;

import dev.tenantcore.api.automations.PublicEvent;
import dev.tenantcore.api.automations.PublicEventType;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.infra.events.PublicEvents;
import dev.tenantcore.infra.events.WhenReceived;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import dev.tenantcore.infra.tenancy.TenantEntry;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * Turns each published event into one webhook message per enabled endpoint of its tenant that
 * receives its type, in this processor's transaction (the tenant set from the event's metadata); the
 * events no endpoint takes are skipped before that ({@link WebhookReceivers}). It
 * only queues: sending is {@link WebhookDeliveryRunner}'s, on the scheduler's threads, so a slow
 * receiver never holds this processor, which every tenant shares. An event handled twice (a
 * redelivery, a reset) finds its messages there already and queues nothing. A tenant with
 * automations switched off gets no messages.
 */
@Component
@ProcessingGroup("outbound-webhooks")
class WebhookFanOut {

    private final PublicEvents events;
    private final WebhookEndpointDirectory directory;
    private final WebhookQueue queue;
    private final TenantDirectory tenants;

    WebhookFanOut(
            PublicEvents events, WebhookEndpointDirectory directory, WebhookQueue queue, TenantDirectory tenants) {
        this.events = events;
        this.directory = directory;
        this.queue = queue;
        this.tenants = tenants;
    }

    @EventHandler
    @WhenReceived(WebhookReceivers.class)
    void on(Object payload, EventMessage<?> message) {
        // Who receives it is asked before the envelope is built: for most events of most tenants, nobody.
        Optional<PublicEventType> type = PublicEvents.typeOf(message);
        UUID tenant = PublicEvents.tenantOf(message);
        if (type.isEmpty() || tenant == null) {
            return;
        }
        boolean automations = tenants.byId(new TenantId(tenant))
                .map((TenantEntry entry) -> entry.hasModule(TenantModule.AUTOMATIONS))
                .orElse(false);
        if (!automations) {
            return;
        }
        List<WebhookEndpointDirectory.Endpoint> endpoints = directory.receiving(type.get());
        if (endpoints.isEmpty()) {
            return;
        }
        PublicEvent event = events.of(message).orElseThrow();
        for (WebhookEndpointDirectory.Endpoint endpoint : endpoints) {
            queue.queue(endpoint.id().value(), event, false);
        }
    }
}
