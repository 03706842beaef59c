package dev.tenantcore.api.automations.webhooks;

import dev.tenantcore.api.automations.PublicEventType;
import java.util.Set;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers an endpoint. An empty {@code eventTypes} receives every published event. {@code secret}
 * ({@code whsec_} + base64) goes to the credential store, never to an event or a log line.
 */
public record RegisterWebhookEndpointCommand(
        @TargetAggregateIdentifier WebhookEndpointId endpointId,
        String url,
        Set<PublicEventType> eventTypes,
        String description,
        boolean enabled,
        String secret) {

    @Override
    public String toString() {
        return "RegisterWebhookEndpointCommand[endpointId=" + endpointId + "]";
    }
}
