package dev.tenantcore.api.automations.webhooks;

import dev.tenantcore.api.automations.PublicEventType;
import java.util.Set;
import org.axonframework.serialization.Revision;

/** An endpoint's configuration as it stands after a change. */
@Revision("1")
public record WebhookEndpointUpdatedEvent(
        WebhookEndpointId endpointId,
        String url,
        Set<PublicEventType> eventTypes,
        String description,
        boolean enabled) {}
