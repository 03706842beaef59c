package dev.tenantcore.command.automations.webhooks;

import dev.tenantcore.api.automations.PublicEvent;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.TenantModule;
import dev.tenantcore.infra.events.PublicEvents;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import dev.tenantcore.infra.tenancy.TenantEntry;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * Turns each published event into one webhook message per enabled endpoint of its tenant that
 * receives its type, in this processor's transaction (the tenant set from the event's metadata). It
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
    void on(Object payload, EventMessage<?> message) {
        Optional<PublicEvent> event = events.of(message);
        if (event.isEmpty()) {
            return;
        }
        boolean automations = tenants.byId(new TenantId(event.get().tenantId()))
                .map((TenantEntry tenant) -> tenant.hasModule(TenantModule.AUTOMATIONS))
                .orElse(false);
        if (!automations) {
            return;
        }
        for (WebhookEndpointDirectory.Endpoint endpoint :
                directory.receiving(event.get().type())) {
            queue.queue(endpoint.id().value(), event.get(), false);
        }
    }
}
